import { Button, List, Modal, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { RecommendSummary } from '../labels';

/** The per-declaration outcomes of a 资格审查推荐 / 审核推荐. */
export function RecommendResultModal({ title, summary, onClose }: { title: string; summary: RecommendSummary | null; onClose: () => void }) {
  return (
    <Modal
      open={!!summary}
      title={summary ? `${title}：${summary.text}` : title}
      width={620}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          知道了
        </Button>
      }
    >
      {summary ? (
        <List
          size="small"
          bordered
          style={{ maxHeight: '55vh', overflowY: 'auto' }}
          dataSource={summary.rows}
          data-testid="recommend-outcomes"
          renderItem={(r) => (
            <List.Item data-testid="recommend-outcome" data-ok={r.ok ? 'yes' : 'no'}>
              <Space align="start">
                {r.ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
                <span>
                  <Typography.Text strong>{r.name}</Typography.Text>：
                  <Typography.Text type={r.ok ? undefined : 'danger'}>{r.message}</Typography.Text>
                </span>
              </Space>
            </List.Item>
          )}
        />
      ) : null}
    </Modal>
  );
}
