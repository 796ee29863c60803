import type { ReactNode } from 'react';
import { Button } from 'antd';
import type { Declaration } from '../api';
import type { StepNo } from '../steps';

/** What every step of the wizard gets. */
export interface StepProps {
  d: Declaration;
  go: (step: StepNo) => void;
}

/** 【上一步】 / 【下一步】 under a step. */
export function StepActions({
  step,
  go,
  next,
  nextDisabled,
  nextLoading,
  extra,
  nextLabel = '下一步',
}: {
  step: StepNo;
  go: (s: StepNo) => void;
  /** Replaces the plain move to the next step (e.g. save first). */
  next?: () => void;
  nextDisabled?: boolean;
  nextLoading?: boolean;
  extra?: ReactNode;
  nextLabel?: string;
}) {
  return (
    <div className="decl-step-actions">
      {step > 1 ? (
        <Button onClick={() => go((step - 1) as StepNo)} data-testid="step-prev">
          上一步
        </Button>
      ) : null}
      {extra}
      {step < 7 ? (
        <Button
          type="primary"
          disabled={nextDisabled}
          loading={nextLoading}
          onClick={() => (next ? next() : go((step + 1) as StepNo))}
          data-testid="step-next"
        >
          {nextLabel}
        </Button>
      ) : null}
    </div>
  );
}
