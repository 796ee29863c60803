import { Alert, Button, Card, Empty, Modal, Spin, Tag, Timeline, Typography } from 'antd';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { useReviewDetail, type ReturnRecord, type TimelineEntry } from '../api';
import { DECLARATION_STATUS_LABELS } from '../labels';

function Transition({ e }: { e: TimelineEntry }) {
  if (!e.to_status) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {e.from_status ? `${DECLARATION_STATUS_LABELS[e.from_status]} → ` : ''}
      {DECLARATION_STATUS_LABELS[e.to_status]}
    </Typography.Text>
  );
}

/** Who acted, and the unit that holds the declaration afterwards (转至 after a hand-over). */
function whoAndWhere(e: TimelineEntry): string {
  const handover = e.action === 'recommended' || e.action === 'submitted';
  const unit = e.unit ? (handover ? `转至 ${e.unit.name}` : e.unit.name) : null;
  return [e.actor, unit].filter(Boolean).join(' · ');
}

/** The items of one return: the section (or attachment) and what to fix. */
export function ReturnItems({ r }: { r: ReturnRecord }) {
  return (
    <ol style={{ paddingLeft: 20, margin: '4px 0 0' }}>
      {r.items.map((it, i) => (
        <li key={i}>
          <Typography.Text strong>{it.title ?? `第 ${it.section} 部分`}</Typography.Text>：{it.comment}
        </li>
      ))}
    </ol>
  );
}

/** 审查日志: every step (who, unit, when, from → to, opinion) and every return with its items. */
export function ChainLogModal({ id, name, onClose }: { id: string | null; name?: string; onClose: () => void }) {
  const detail = useReviewDetail(id);
  return (
    <Modal
      open={!!id}
      title={name ? `${name}-审查日志` : '审查日志'}
      width={720}
      onCancel={onClose}
      destroyOnHidden
      footer={<Button onClick={onClose}>关闭</Button>}
    >
      {detail.isPending ? (
        <div style={{ textAlign: 'center', padding: 40 }}>
          <Spin />
        </div>
      ) : detail.isError ? (
        <Alert type="error" showIcon message={errorMessage(detail.error)} />
      ) : (
        <div style={{ maxHeight: '62vh', overflowY: 'auto', paddingTop: 8 }} data-testid="chain-log">
          {detail.data.log.length ? (
            <Timeline
              items={[...detail.data.log].reverse().map((e, i) => ({
                key: `${e.at}-${i}`,
                color: e.action === 'failed' ? 'red' : e.action === 'returned' ? 'orange' : i === 0 ? 'blue' : 'gray',
                children: (
                  <div data-testid="chain-log-entry">
                    <div>
                      <strong>{e.action_label}</strong>
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                        {formatDateTime(e.at)}
                      </Typography.Text>
                    </div>
                    <div style={{ fontSize: 12 }}>
                      <Typography.Text type="secondary">{whoAndWhere(e)}</Typography.Text>
                      {e.to_status ? <span style={{ marginInlineStart: 8 }}><Transition e={e} /></span> : null}
                    </div>
                    {e.comment ? <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.comment}</div> : null}
                  </div>
                ),
              }))}
            />
          ) : (
            <Empty description="暂无审查日志" />
          )}
          {detail.data.returns.length ? (
            <>
              <Typography.Title level={5}>退回记录</Typography.Title>
              {detail.data.returns.map((r) => (
                <Card key={r.id} size="small" style={{ marginBottom: 8 }} data-testid="chain-log-return">
                  <div>
                    <Tag color="orange">退回</Tag>
                    {r.unit.name}
                    {r.actor ? `（${r.actor}）` : ''}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {formatDateTime(r.at)}
                    </Typography.Text>
                  </div>
                  {r.comment ? <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{r.comment}</div> : null}
                  <ReturnItems r={r} />
                </Card>
              ))}
            </>
          ) : null}
        </div>
      )}
    </Modal>
  );
}
