import { Alert, Spin, Tag, Timeline, Typography } from 'antd';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { useDeclaration, type Declaration } from '../api';
import { statusColor, STATUS_OPTIONS } from '../returns';

type Entry = Declaration['timeline'][number];

const statusLabel = (s: Entry['to_status']) => STATUS_OPTIONS.find((o) => o.value === s)?.label ?? s ?? '';

/** One hop of the 审查日志: what happened, where it moved, who (unit · person), when, the opinion. */
function Hop({ t }: { t: Entry }) {
  const who = [t.unit?.name, t.actor].filter(Boolean).join(' · ');
  return (
    <div data-testid="timeline-entry">
      <div>
        <strong>{t.action_label}</strong>
        {t.to_status && t.from_status !== t.to_status ? (
          <Tag color={statusColor(t.to_status)} style={{ marginInlineStart: 8 }}>
            {t.from_status ? `${statusLabel(t.from_status)} → ` : ''}
            {statusLabel(t.to_status)}
          </Tag>
        ) : null}
        <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
          {formatDateTime(t.at)}
        </Typography.Text>
      </div>
      {who ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {who}
        </Typography.Text>
      ) : null}
      {t.comment ? <div className="decl-timeline-comment">{t.comment}</div> : null}
    </div>
  );
}

/** The declaration's timeline (审查日志), latest first. */
export function DeclarationTimeline({ timeline }: { timeline: readonly Entry[] }) {
  return (
    <Timeline
      data-testid="declaration-timeline"
      items={[...timeline].reverse().map((t, i) => ({
        key: `${t.at}-${i}`,
        color: i !== 0 ? 'gray' : t.to_status === 'returned' || t.to_status === 'failed' ? 'red' : 'blue',
        children: <Hop t={t} />,
      }))}
    />
  );
}

/** The timeline of one row of 我的申报记录, loaded when the row opens. */
export function DeclarationTimelineOf({ id }: { id: string }) {
  const decl = useDeclaration(id);
  if (decl.isPending) return <Spin size="small" />;
  if (decl.isError) return <Alert type="error" showIcon message={errorMessage(decl.error)} />;
  return <DeclarationTimeline timeline={decl.data.timeline} />;
}
