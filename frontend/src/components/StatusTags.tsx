import { Tag } from 'antd';

const ORG_STATUS: Record<string, { text: string; color: string }> = {
  active: { text: '正常', color: 'success' },
  pending_registration: { text: '注册待审核', color: 'warning' },
  registration_rejected: { text: '注册未通过', color: 'error' },
  pending_authorisation: { text: '待提交授权委托证明', color: 'warning' },
  authorisation_submitted: { text: '授权待审核', color: 'processing' },
  authorisation_rejected: { text: '授权未通过', color: 'error' },
};

const ACCOUNT_STATUS: Record<string, { text: string; color: string }> = {
  active: { text: '正常', color: 'success' },
  locked: { text: '已锁定', color: 'error' },
  disabled: { text: '已停用', color: 'default' },
};

export function OrgStatus({ status }: { status: string }) {
  const s = ORG_STATUS[status] ?? { text: status, color: 'default' };
  return <Tag color={s.color}>{s.text}</Tag>;
}

export function AccountStatus({ status }: { status: string }) {
  const s = ACCOUNT_STATUS[status] ?? { text: status, color: 'default' };
  return <Tag color={s.color}>{s.text}</Tag>;
}
