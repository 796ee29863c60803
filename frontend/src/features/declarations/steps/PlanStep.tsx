import { Alert, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { PlanDetail } from '../../plans/components/PlanDetail';
import { usePlan } from '../../plans/api';
import { StepActions, type StepProps } from './shared';

/** Step 1 选择申报计划 (done when the draft exists): the plan as the applicant read it, with a link back. */
export function PlanStep({ d, go }: StepProps) {
  const plan = usePlan(d.plan.id);
  return (
    <div data-testid="step-plan">
      <Space size={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {d.plan.plan_type_label}
        </Tag>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="wizard-plan-name">
          {d.plan.name}
        </Typography.Title>
      </Space>
      <div style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">申报职称名称：{d.plan.title_name}</Typography.Text>
        <Link to={`/declare?plan=${encodeURIComponent(d.plan.id)}`} style={{ marginInlineStart: 16 }}>
          返回申报计划
        </Link>
      </div>
      {!d.plan.open_now ? <Alert style={{ marginBottom: 12 }} type="warning" showIcon message="该计划当前不在申报时间内，不能提交。" /> : null}
      {plan.isPending ? <Spin /> : plan.data ? <PlanDetail plan={plan.data} /> : null}
      <StepActions step={1} go={go} />
    </div>
  );
}
