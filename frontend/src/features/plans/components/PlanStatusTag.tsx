import { Tag } from 'antd';
import type { PlanStatus } from '../api';
import { PLAN_STATUS_COLORS, PLAN_STATUS_LABELS } from '../planForm';

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  return (
    <Tag color={PLAN_STATUS_COLORS[status]} data-testid="plan-status">
      {PLAN_STATUS_LABELS[status]}
    </Tag>
  );
}
