import { Alert, Descriptions, Divider, Space } from 'antd';
import type { ArchiveRecord } from '../../../api/types';
import { formatDateTime } from '../../../lib/format';
import { AttachmentList } from './AttachmentList';
import { RecordFields } from './RecordFields';
import { RecordStatusTag } from './StatusTag';

/**
 * One record in full (查看教育经历 style, seed 000 §3): for a reviewer the applicant's
 * 姓名 / 证件类型 / 证件号码 first, then the category's fields, the opinion and attachments.
 */
export function RecordDetail({ record, showOwner }: { record: ArchiveRecord; showOwner?: boolean }) {
  const opinion = record.review_comment && record.status !== 'pending';
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {showOwner && (
        <Descriptions
          bordered
          size="small"
          column={2}
          styles={{ label: { width: 150 } }}
          items={[
            { key: 'name', label: '姓名', children: <span data-testid="detail-owner-name">{record.owner.name}</span> },
            { key: 'id_type', label: '证件类型', children: '身份证' },
            {
              key: 'id_number',
              label: '证件号码',
              span: 2,
              children: <span data-testid="detail-owner-id">{record.owner_id_number ?? record.owner.id_number_masked ?? '—'}</span>,
            },
          ]}
        />
      )}
      <RecordFields content={record.content} />
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'status', label: '审核状态', children: <RecordStatusTag status={record.status} label={record.status_label} /> },
          { key: 'submitted', label: '提交时间', children: formatDateTime(record.submitted_at) },
          ...(record.reviewed_at ? [{ key: 'reviewed', label: '审核时间', children: formatDateTime(record.reviewed_at) }] : []),
          ...(record.employer ? [{ key: 'employer', label: '审核单位', children: record.employer.name }] : []),
        ]}
      />
      {opinion && (
        <Alert
          type={record.status === 'approved' ? 'success' : 'error'}
          showIcon
          message={record.status === 'returned' ? '退回意见' : record.status === 'rejected' ? '不通过意见' : '审核意见'}
          description={record.review_comment}
        />
      )}
      <div>
        <Divider orientation="left" plain style={{ margin: '4px 0 10px' }}>
          附件
        </Divider>
        <AttachmentList recordId={record.id} attachments={record.attachments} />
      </div>
    </Space>
  );
}
