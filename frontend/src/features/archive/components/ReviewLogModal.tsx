import { Alert, Empty, Modal, Spin, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { fetchLogs } from '../api';
import { RecordStatusTag } from './StatusTag';

const ACTION_COLORS: Record<string, string> = {
  approve: 'green',
  reject: 'red',
  return: 'orange',
  submit: 'blue',
  resubmit: 'blue',
};

/** 审核日志: every submission and decision of a record, oldest first. */
export function ReviewLogModal({ recordId, title, onClose }: { recordId: string | null; title?: string; onClose: () => void }) {
  const logs = useQuery({
    queryKey: ['archive-logs', recordId],
    enabled: !!recordId,
    queryFn: () => fetchLogs(recordId!),
  });
  return (
    <Modal
      open={!!recordId}
      title={title ? `审核日志 · ${title}` : '审核日志'}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
    >
      {logs.isPending ? (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <Spin />
        </div>
      ) : logs.isError ? (
        <Alert type="error" showIcon message={errorMessage(logs.error)} />
      ) : logs.data.length === 0 ? (
        <Empty description="暂无审核日志" />
      ) : (
        <Timeline
          style={{ marginTop: 16 }}
          items={logs.data.map((e) => ({
            color: ACTION_COLORS[e.action] ?? 'gray',
            children: (
              <div data-testid="review-log-entry">
                <div>
                  <Typography.Text strong>{e.action_label}</Typography.Text>
                  <span style={{ marginLeft: 8 }}>
                    <RecordStatusTag status={e.to_status} />
                  </span>
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                    {formatDateTime(e.created_at)}
                  </Typography.Text>
                </div>
                <div style={{ color: '#595959' }}>操作人：{e.actor}</div>
                {e.comment && <div style={{ color: e.action === 'approve' ? '#595959' : '#cf1322' }}>意见：{e.comment}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Modal>
  );
}
