import { useState } from 'react';
import { Alert, App, Button, Card, List, Space, Spin, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SendOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../../api/problem';
import { DECLARATIONS_KEY, downloadDeclarationAttachment, downloadSnapshotAttachment, MY_DECLARATIONS_PATH, newIdempotencyKey, submitDeclaration, usePreview } from '../api';
import { DeclarationPreview, EligibilityList } from '../components/DeclarationPreview';
import { canSubmit, checkStep, fieldStep, sortChecks, STEPS } from '../steps';
import { DeclarationPhoto } from './PhotoStep';
import { useRefreshDeclaration } from '../hooks';
import { StepActions, type StepProps } from './shared';

/** Step 7 预览并提交: the 18 sections, 申报对象资格, what is still missing, 【提交】. */
export function PreviewStep({ d, go }: StepProps) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const refresh = useRefreshDeclaration();
  const preview = usePreview(d.id);
  const [submitting, setSubmitting] = useState(false);

  if (preview.isPending) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  }
  if (preview.isError) return <Alert type="error" showIcon message={errorMessage(preview.error)} />;
  const view = preview.data;
  const checks = sortChecks(view.checks);
  const unmet = checks.filter((c) => !c.met);
  const ready = canSubmit(view.checks);

  const submit = async () => {
    // One click, one key: only this click's automatic retries reuse it.
    const key = newIdempotencyKey();
    setSubmitting(true);
    try {
      await submitDeclaration(d.id, view.version, key);
      void qc.invalidateQueries({ queryKey: DECLARATIONS_KEY });
      void refresh(d.id);
      message.success(d.stage.status === 'returned' ? '申报已重新提交，等待单位重新审查' : '申报已提交，等待单位资格审查');
      navigate(MY_DECLARATIONS_PATH);
    } catch (err) {
      const code = err instanceof ApiError ? err.problem?.code : undefined;
      if (code === 'declaration_incomplete' && err instanceof ApiError) {
        modal.warning({
          title: '申报材料不完整',
          content: (
            <ul style={{ paddingInlineStart: 18, margin: 0 }}>
              {(err.problem?.errors ?? []).map((e) => (
                <li key={e.field}>
                  {e.message}（{STEPS[fieldStep(e.field) - 1].title}）
                </li>
              ))}
            </ul>
          ),
        });
      } else if (code === 'version_conflict') {
        message.warning('申报内容在预览后有变化，已刷新预览，请确认后再提交');
      } else {
        message.error(errorMessage(err));
      }
      void preview.refetch();
      void refresh(d.id);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div data-testid="step-preview">
      <Card size="small" title="提交前检查" style={{ marginBottom: 16 }} data-testid="submit-checks">
        {ready ? (
          <Alert type="success" showIcon message="申报材料已齐全，请核对以下申报信息，无误后点击【提交】。" />
        ) : (
          <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`还有 ${unmet.length} 项需要完善，完善后才能提交：`} />
        )}
        <List
          size="small"
          dataSource={checks}
          renderItem={(c) => (
            <List.Item
              data-testid="submit-check"
              data-met={c.met ? 'yes' : 'no'}
              actions={
                c.met
                  ? []
                  : [
                      <Button key="go" type="link" size="small" onClick={() => go(checkStep(c))} data-testid="check-go">
                        去{STEPS[checkStep(c) - 1].title}
                      </Button>,
                    ]
              }
            >
              <Space align="start">
                {c.met ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
                <Typography.Text type={c.met ? 'secondary' : undefined}>{c.message}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title="申报对象资格" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          按已提取的业绩和个人信息自动核对，结果供审查单位参考。
        </Typography.Paragraph>
        <EligibilityList outcomes={view.eligibility} />
      </Card>
      <Card size="small" title="申报信息预览">
        <DeclarationPreview
          view={view}
          photo={d.progress.photo ? <DeclarationPhoto id={d.id} version={d.updated_at} width={120} /> : undefined}
          onOpenFile={(row, f) =>
            downloadDeclarationAttachment(d.id, row.no - 1, f).catch((err: unknown) => message.error(errorMessage(err)))
          }
          onOpenRecordFile={(r, f) =>
            downloadSnapshotAttachment(d.id, r.record_id, f).catch((err: unknown) => message.error(errorMessage(err)))
          }
        />
      </Card>
      <StepActions
        step={7}
        go={go}
        extra={
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={!ready}
            loading={submitting}
            onClick={() => void submit()}
            data-testid="declaration-submit"
          >
            提交
          </Button>
        }
      />
    </div>
  );
}
