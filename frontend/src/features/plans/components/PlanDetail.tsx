import type { ReactNode } from 'react';
import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format';
import type { AttachmentRequirement, Plan } from '../api';
import { acceptorLabel, FILE_KIND_LABELS, formatFee, PLAN_TYPE_LABELS, rulesToWords } from '../planForm';
import { PlanStatusTag } from './PlanStatusTag';

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="plan-section" data-testid={testId}>
      <Typography.Title level={5} className="plan-section-title">
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function Text({ value, empty = '无' }: { value: string; empty?: string }) {
  return value.trim() ? (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{value}</Typography.Paragraph>
  ) : (
    <Typography.Text type="secondary">{empty}</Typography.Text>
  );
}

/**
 * 申报计划 as an applicant reads it (seed 002 §4): 基本信息, 评审计划说明, 附件要求, 申报对象资格,
 * 可评审专业, 受理评审委员会 / 受理部门, 申报时间 and 评审费. The declaration wizard shows it
 * again; the HRSS list shows it with the status and eligible affiliations (`staffView`).
 */
export function PlanDetail({ plan, staffView = false }: { plan: Plan; staffView?: boolean }) {
  const words = rulesToWords(plan.rules);
  const levelText = plan.titles.length ? `${plan.level_label}（${plan.titles.join('、')}）` : plan.level_label;
  return (
    <div className="plan-detail" data-testid="plan-detail">
      <Section title="基本信息" testId="plan-basic">
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small" bordered labelStyle={{ width: 112 }}>
          <Descriptions.Item label="计划名称" span={2}>
            <span data-testid="plan-detail-name">{plan.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label="年度">{plan.year}年度</Descriptions.Item>
          <Descriptions.Item label="计划类型">{PLAN_TYPE_LABELS[plan.plan_type]}</Descriptions.Item>
          <Descriptions.Item label="职称系列">{plan.series_name}</Descriptions.Item>
          <Descriptions.Item label="职称层级">{levelText}</Descriptions.Item>
          <Descriptions.Item label="发布单位">{plan.publisher.name}</Descriptions.Item>
          {staffView ? (
            <Descriptions.Item label="状态">
              <PlanStatusTag status={plan.status} />
            </Descriptions.Item>
          ) : null}
          {staffView ? (
            <Descriptions.Item label="单位隶属关系" span={2}>
              {plan.affiliations.map((u) => u.name).join('、') || '—'}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Section>

      <Section title="评审计划说明" testId="plan-description">
        <Text value={plan.description} />
      </Section>

      <Section title="附件要求" testId="plan-attachments">
        <AttachmentTable items={plan.attachments} />
      </Section>

      <Section title="申报对象资格" testId="plan-qualification">
        <Text value={plan.qualification} empty="未填写资格说明" />
        {words.length ? (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">资格条件（提交申报前系统自动核对）：</Typography.Text>
            <ol className="plan-rules" data-testid="plan-rules">
              {words.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ol>
          </div>
        ) : null}
      </Section>

      <Section title="可评审专业" testId="plan-specialties">
        {plan.specialties.length ? (
          <Space size={[6, 6]} wrap>
            {plan.specialties.map((s) => (
              <Tag key={s} color="blue" style={{ marginInlineEnd: 0 }}>
                {s}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Section>

      <Section title={acceptorLabel(plan.plan_type)} testId="plan-acceptors">
        <ul className="plan-list">
          {plan.acceptors.map((u) => (
            <li key={u.id}>{u.name}</li>
          ))}
        </ul>
      </Section>

      <Section title="申报时间" testId="plan-window">
        <Typography.Text>
          {formatDateTime(plan.opens_at)} 至 {formatDateTime(plan.closes_at)}
        </Typography.Text>
      </Section>

      <Section title="评审费" testId="plan-fee">
        <Typography.Text strong data-testid="plan-fee-value">
          {formatFee(plan.fee_fen)}
        </Typography.Text>
      </Section>
    </div>
  );
}

/** 附件要求: # · 必要 · 材料名称 · 类型. */
export function AttachmentTable({ items }: { items: readonly AttachmentRequirement[] }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无附件要求" />;
  return (
    <Table<AttachmentRequirement & { i: number }>
      rowKey="i"
      size="small"
      bordered
      pagination={false}
      dataSource={items.map((a, i) => ({ ...a, i: i + 1 }))}
      columns={[
        { title: '#', dataIndex: 'i', width: 44, align: 'center' },
        {
          title: '必要',
          key: 'required',
          width: 56,
          align: 'center',
          render: (_, a) =>
            a.required ? <Typography.Text type="danger">是</Typography.Text> : <Typography.Text type="secondary">否</Typography.Text>,
        },
        { title: '材料名称', dataIndex: 'name', render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span> },
        { title: '类型', key: 'types', width: 140, render: (_, a) => a.types.map((t) => FILE_KIND_LABELS[t]).join('、') },
      ]}
    />
  );
}
