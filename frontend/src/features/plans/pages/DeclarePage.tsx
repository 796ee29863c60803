import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, List, Radio, Result, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileDoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { ApiError, errorMessage } from '../../../api/problem';
import { DepartmentSelect } from '../../../components/DepartmentSelect';
import { formatDateTime } from '../../../lib/format';
import { PROFILE_PATH } from '../../../routes/paths';
import { startDeclaration } from '../../declarations/api';
import { fetchOpenPlans, usePlan, useTitleSeries, type Plan, type PlanType } from '../api';
import { PlanDetail } from '../components/PlanDetail';
import { acceptorLabel, formatFee, PLAN_TYPES } from '../planForm';

/** 申报计划类型 as the applicant picks it (seed 002 §4–6). */
const TYPE_CHOICES: Record<PlanType, { label: string; hint: string }> = {
  review: { label: '职称评审', hint: '选择申报职称系列、单位隶属关系，选择申报计划。' },
  recognition: { label: '职称认定', hint: '外省调入等职称认定：选择单位隶属关系、受理部门，查看职称认定申报须知。' },
  initial: { label: '职称初定', hint: '大中专毕业生职称初定：选择单位隶属关系、受理部门，查看职称初定申报须知。' },
};

const isPlanType = (v: string | null): v is PlanType => !!v && (PLAN_TYPES as string[]).includes(v);

/** How far off the closing time is, in words (剩余 3 天 / 今日截止). */
function closesIn(closesAt: string): string {
  const days = dayjs(closesAt).diff(dayjs(), 'day');
  return days >= 1 ? `剩余 ${days} 天` : '今日截止';
}

/** 职称申报 step 1: choose the plan type, series and affiliation, then a plan; read it; 马上申报. */
export function DeclarePage() {
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan');
  const open = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('plan', id);
        else next.delete('plan');
        return next;
      },
      { replace: false },
    );
  return planId ? <OpenPlanView id={planId} onBack={() => open(null)} /> : <PlanChooser onOpen={open} />;
}

function useStart() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [starting, setStarting] = useState<string | null>(null);
  const start = async (planId: string) => {
    setStarting(planId);
    try {
      navigate(await startDeclaration(planId));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setStarting(null);
    }
  };
  return { start, starting };
}

const PAGE_SIZE = 100;

function PlanChooser({ onOpen }: { onOpen: (id: string) => void }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const type: PlanType = isPlanType(params.get('type')) ? (params.get('type') as PlanType) : 'review';
  const series = params.get('series') ?? undefined;
  const affiliation = params.get('affiliation') ?? undefined;
  const acceptor = params.get('acceptor') ?? undefined;
  const catalogue = useTitleSeries();
  const { start, starting } = useStart();

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const plans = useQuery({
    queryKey: ['open-plans', type, series ?? '', affiliation ?? ''],
    queryFn: () => fetchOpenPlans({ planType: type, series, affiliationId: affiliation, page: 1, perPage: PAGE_SIZE }),
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
  });

  // 受理部门 / 受理评审委员会 of the plans found (the list filters by it here).
  const acceptors = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of plans.data?.items ?? []) for (const u of p.acceptors) seen.set(u.id, u.name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [plans.data]);
  const items = (plans.data?.items ?? []).filter((p) => !acceptor || p.acceptors.some((u) => u.id === acceptor));

  if (plans.error instanceof ApiError && plans.error.problem?.code === 'employer_not_bound') {
    return (
      <Card variant="borderless">
        <Result
          status="info"
          title="请先绑定工作单位"
          subTitle={errorMessage(plans.error)}
          extra={
            <Button type="primary" onClick={() => navigate(PROFILE_PATH)}>
              完善个人基本信息
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Card variant="borderless" title="职称申报" className="declare-card" data-testid="declare-chooser">
      <Form layout="vertical" className="declare-filters">
        <Form.Item label="申报计划类型" style={{ marginBottom: 8 }}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={type}
            onChange={(e) => set({ type: e.target.value as string, acceptor: undefined })}
            options={PLAN_TYPES.map((t) => ({ value: t, label: TYPE_CHOICES[t].label }))}
            data-testid="declare-type"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="declare-hint">
          {TYPE_CHOICES[type].hint}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="申报职称系列">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="全部职称系列"
                value={series}
                loading={catalogue.isPending}
                onChange={(v?: string) => set({ series: v })}
                options={(catalogue.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
                data-testid="declare-series"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="单位隶属关系">
              <DepartmentSelect
                value={affiliation}
                onChange={(v) => set({ affiliation: v || undefined })}
                placeholder="全部（按本人工作单位）"
                testId="declare-affiliation"
              />
            </Form.Item>
          </Col>
          {type !== 'review' ? (
            <Col xs={24} md={8}>
              <Form.Item label="受理部门">
                <Select
                  allowClear
                  placeholder="全部受理部门"
                  value={acceptor}
                  onChange={(v?: string) => set({ acceptor: v })}
                  options={acceptors}
                  notFoundContent="暂无受理部门"
                  data-testid="declare-acceptor"
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>

      <Typography.Title level={5} style={{ marginTop: 0 }}>
        可申报的计划
        {plans.data ? (
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 8 }}>
            共 {items.length} 个
          </Typography.Text>
        ) : null}
      </Typography.Title>
      {plans.isError ? <Alert type="error" showIcon message={errorMessage(plans.error)} style={{ marginBottom: 12 }} /> : null}
      <List<Plan>
        loading={plans.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无可申报的计划" data-testid="declare-empty" /> }}
        pagination={items.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        renderItem={(p) => (
          <List.Item key={p.id} className="open-plan-item" data-testid="open-plan">
            <div className="open-plan-main">
              <Space size={6} wrap style={{ marginBottom: 4 }}>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {p.plan_type_label}
                </Tag>
                <Tag style={{ marginInlineEnd: 0 }}>
                  {p.series_name} · {p.level_label}
                </Tag>
              </Space>
              <Typography.Link strong className="open-plan-name" onClick={() => onOpen(p.id)} data-testid="open-plan-name">
                {p.name}
              </Typography.Link>
              <div className="open-plan-meta">
                <span>
                  {acceptorLabel(p.plan_type)}：{p.acceptors.map((u) => u.name).join('、')}
                </span>
                <span>
                  申报时间：{formatDateTime(p.opens_at)} 至 {formatDateTime(p.closes_at)}
                  <Typography.Text type="warning" style={{ marginInlineStart: 6, whiteSpace: 'nowrap' }}>
                    {closesIn(p.closes_at)}
                  </Typography.Text>
                </span>
                <span>评审费：{formatFee(p.fee_fen)}</span>
              </div>
            </div>
            <Space className="open-plan-actions" wrap>
              <Button onClick={() => onOpen(p.id)} data-testid="open-plan-view">
                查看计划
              </Button>
              <Button type="primary" loading={starting === p.id} onClick={() => void start(p.id)} data-testid="open-plan-start">
                马上申报
              </Button>
            </Space>
          </List.Item>
        )}
      />
      {plans.data && plans.data.total > PAGE_SIZE ? (
        <Typography.Text type="secondary">仅显示截止时间最早的 {PAGE_SIZE} 个计划，请用上面的条件缩小范围。</Typography.Text>
      ) : null}
    </Card>
  );
}

function OpenPlanView({ id, onBack }: { id: string; onBack: () => void }) {
  const plan = usePlan(id);
  const { start, starting } = useStart();
  const p = plan.data;
  const startButton = p ? (
    <Button
      type="primary"
      size="large"
      icon={<FileDoneOutlined />}
      loading={starting === p.id}
      disabled={!p.open_now}
      onClick={() => void start(p.id)}
      data-testid="plan-start"
    >
      马上申报
    </Button>
  ) : null;
  return (
    <Card
      variant="borderless"
      className="declare-card"
      title={
        <Space size={8} style={{ minWidth: 0 }}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label="返回计划列表" data-testid="plan-back" />
          <span style={{ whiteSpace: 'normal' }}>申报计划</span>
        </Space>
      }
      data-testid="declare-plan"
    >
      {plan.isPending ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : plan.isError ? (
        <Result
          status={plan.error instanceof ApiError && plan.error.status === 404 ? '404' : 'error'}
          title={plan.error instanceof ApiError && plan.error.status === 404 ? '该申报计划不存在或未对您开放' : '无法加载申报计划'}
          subTitle={errorMessage(plan.error)}
          extra={<Button onClick={onBack}>返回计划列表</Button>}
        />
      ) : (
        <>
          <Typography.Title level={4} className="declare-plan-title" data-testid="declare-plan-title">
            {plan.data.name}
          </Typography.Title>
          {!plan.data.open_now ? (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="该计划当前不在申报时间内，不能申报。" />
          ) : null}
          <PlanDetail plan={plan.data} />
          <div className="declare-plan-actions">
            <Button onClick={onBack}>返回计划列表</Button>
            {startButton}
          </div>
        </>
      )}
    </Card>
  );
}
