import { useState } from 'react';
import { Segmented } from 'antd';
import { ReviewListPage } from './ReviewListPage';
import { FeeSettingsTable } from '../components/FeeSettingsTable';

/** 职称申报资格审查 → 评审资格审查 of the employer (seed 000 §4). */
export function EmployerReviewPage() {
  return <ReviewListPage key="review" role="employer" kind="review" heading="职称申报审查" />;
}

/** 认定资格审查 of the employer (seed 000 §5). */
export function EmployerRecognitionPage() {
  return <ReviewListPage key="recognition" role="employer" kind="recognition" heading="认定资格审查" />;
}

type DepartmentView = 'review' | 'recognition' | 'fees';

/** 职称评审资格审查 of competent and HRSS departments (seed 004 二): 评审 / 认定, and 收费设定. */
export function QualificationReviewPage() {
  const [view, setView] = useState<DepartmentView>('review');
  return (
    <div>
      <Segmented<DepartmentView>
        style={{ marginBottom: 12 }}
        value={view}
        onChange={setView}
        options={[
          { value: 'review', label: '评审资格审查' },
          { value: 'recognition', label: '认定资格审查' },
          { value: 'fees', label: '收费设定' },
        ]}
        data-testid="qualification-view"
      />
      {view === 'fees' ? (
        <FeeSettingsTable />
      ) : (
        <ReviewListPage
          key={view}
          role="department"
          kind={view}
          heading={view === 'review' ? '职称评审资格审查' : '认定资格审查'}
        />
      )}
    </div>
  );
}

/** 评审受理 of the committee office: what the HRSS department recommended; 通过 = 受理. */
export function CommitteeAcceptancePage() {
  return <ReviewListPage role="committee" kind="review" heading="评审受理" />;
}
