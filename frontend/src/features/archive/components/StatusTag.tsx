import { Tag } from 'antd';
import type { RecordStatus } from '../../../api/types';
import { STATUS_COLORS, STATUS_LABELS } from '../status';

export function RecordStatusTag({ status, label }: { status: RecordStatus; label?: string }) {
  return <Tag color={STATUS_COLORS[status]}>{label ?? STATUS_LABELS[status]}</Tag>;
}
