import { useState } from 'react';
import { Alert, App, Button, Drawer, Space, Spin, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { DeclarationPreview } from '../../declarations/components/DeclarationPreview';
import { DeclarationPhoto } from '../../declarations/steps/PhotoStep';
import { downloadDeclarationAttachment, downloadSnapshotAttachment } from '../../declarations/api';
import { decide, REVIEWS_KEY, useReviewDetail, type ChainDecision, type DecideBody } from '../api';
import { decisionLabel, type ReviewerRole } from '../labels';
import { ChainDecisionModal } from './ChainDecisionModal';
import { ReturnItems } from './ChainLogModal';

const DECISIONS: ChainDecision[] = ['pass', 'fail', 'return'];

/** {姓名}-申报信息预览-待审查 (seed 000 §4): the 18 sections and 关闭 通过 不通过 退回. */
export function ReviewDetailDrawer({
  id,
  role,
  onClose,
  onDecided,
}: {
  id: string | null;
  role: ReviewerRole;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const detail = useReviewDetail(id);
  const [decision, setDecision] = useState<ChainDecision | null>(null);
  const d = detail.data;
  const actions = d?.actions;
  const allowed = actions ? DECISIONS.filter((k) => actions[k]) : [];

  const submit = async (body: Omit<DecideBody, 'version'>) => {
    if (!d) return;
    try {
      await decide(d.item.declaration_id, { ...body, version: d.item.version });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Someone acted first: say who (the server's words), then show the fresh state.
        setDecision(null);
        modal.warning({ title: '该申报已被处理', content: errorMessage(err) });
        void qc.invalidateQueries({ queryKey: REVIEWS_KEY });
        onDecided();
      }
      throw err;
    }
    message.success(`已${decisionLabel(body.decision, actions?.pass_label, role)}`);
    setDecision(null);
    void qc.invalidateQueries({ queryKey: REVIEWS_KEY });
    onDecided();
    onClose();
  };

  const title = d ? `${d.item.applicant_name}-申报信息预览-${d.item.state_label}` : '申报信息预览';
  return (
    <>
      <Drawer
        open={!!id}
        title={<span data-testid="review-drawer-title">{title}</span>}
        width="min(1120px, 100vw)"
        onClose={onClose}
        destroyOnHidden
        footer={
          <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <Button onClick={onClose}>关闭</Button>
            {allowed.map((k) => (
              <Button
                key={k}
                type={k === 'pass' ? 'primary' : 'default'}
                danger={k === 'fail'}
                onClick={() => setDecision(k)}
                data-testid={`review-${k}`}
              >
                {decisionLabel(k, actions?.pass_label, role)}
              </Button>
            ))}
          </Space>
        }
      >
        {detail.isPending ? (
          <div style={{ textAlign: 'center', padding: 48 }}>
            <Spin />
          </div>
        ) : detail.isError ? (
          <Alert type="error" showIcon message={errorMessage(detail.error)} />
        ) : d ? (
          <div data-testid="review-drawer">
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={
                <span>
                  <Tag color="processing">{d.item.stage.status_label}</Tag>
                  {d.item.stage.description}
                </span>
              }
            />
            {d.returns.length ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={`该申报曾被退回 ${d.returns.length} 次，最近一次：${d.returns[0].unit.name}（${formatDateTime(d.returns[0].at)}）`}
                description={<ReturnItems r={d.returns[0]} />}
              />
            ) : null}
            <DeclarationPreview
              view={d.view}
              photo={<DeclarationPhoto id={d.item.declaration_id} version={d.item.version} width={120} />}
              showEligibility
              onOpenFile={(row, f) =>
                downloadDeclarationAttachment(d.item.declaration_id, row.no - 1, f).catch((err: unknown) => message.error(errorMessage(err)))
              }
              onOpenRecordFile={(r, f) =>
                downloadSnapshotAttachment(d.item.declaration_id, r.record_id, f).catch((err: unknown) => message.error(errorMessage(err)))
              }
            />
          </div>
        ) : null}
      </Drawer>
      <ChainDecisionModal decision={decision} detail={d} onCancel={() => setDecision(null)} onSubmit={submit} />
    </>
  );
}
