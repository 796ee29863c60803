import { Alert, Descriptions, Spin } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { PlanDetail } from '../../plans/components/PlanDetail';
import { usePlan } from '../../plans/api';
import { formatFee } from '../../plans/planForm';
import { StepActions, type StepProps } from './shared';

/** Step 1 选择申报计划 (done when the draft exists): the plan, with a link back to it. */
export function PlanStep({ d, go }: StepProps) {
  const plan = usePlan(d.plan.id);
  return (
    <div data-testid="step-plan">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'name', label: '申报计划', span: 'filled', children: <span data-testid="wizard-plan-name">{d.plan.name}</span> },
          { key: 'type', label: '计划类型', children: d.plan.plan_type_label },
          { key: 'title', label: '申报职称名称', children: d.plan.title_name },
          { key: 'closes', label: '截止时间', children: formatDateTime(d.plan.closes_at) },
          { key: 'fee', label: '评审费', children: formatFee(d.plan.fee_fen) },
        ]}
      />
      {!d.plan.open_now ? <Alert style={{ marginTop: 12 }} type="warning" showIcon message="该计划当前不在申报时间内，不能提交。" /> : null}
      <div style={{ margin: '12px 0' }}>
        <Link to={`/declare?plan=${encodeURIComponent(d.plan.id)}`}>查看申报计划 / 返回选择计划</Link>
      </div>
      {plan.isPending ? <Spin /> : plan.data ? <PlanDetail plan={plan.data} /> : null}
      <StepActions step={1} go={go} />
    </div>
  );
}
