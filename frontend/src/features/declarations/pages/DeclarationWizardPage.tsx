import { Button, Card, Grid, Result, Spin, Steps, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../../api/problem';
import { MY_DECLARATIONS_PATH, useDeclaration, type Declaration } from '../api';
import { parseStep, resumeStep, STEPS, type StepNo } from '../steps';
import { AttachmentsStep } from '../steps/AttachmentsStep';
import { GuaranteeStep } from '../steps/GuaranteeStep';
import { InfoStep } from '../steps/InfoStep';
import { PhotoStep } from '../steps/PhotoStep';
import { PlanStep } from '../steps/PlanStep';
import { PreviewStep } from '../steps/PreviewStep';
import { RecordsStep } from '../steps/RecordsStep';
import { openReturn, returnSteps } from '../returns';
import { ReturnAlert } from '../components/ReturnNotes';
import '../declarations.css';

/** Which steps are done, for the marks on the step bar. */
function doneSteps(d: Declaration): Set<StepNo> {
  const p = d.progress;
  const done = new Set<StepNo>([1]);
  if (p.photo) done.add(2);
  if (p.guarantee_signed && !d.guarantee.expired) done.add(3);
  if (p.info) done.add(4);
  if (p.records > 0) done.add(5);
  if (p.attachments_complete && p.last_step >= 6) done.add(6);
  return done;
}

/**
 * 职称申报 wizard (seed 002 §4–6, SPEC §8): 选择申报计划 · 上传证件照 · 签署保证书 · 填写申报信息 ·
 * 选择业绩 · 上传附件 · 预览并提交. Every step saves to the server; the step shown is in the
 * address (`?step=`), else the first one still to do.
 */
export function DeclarationWizardPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const decl = useDeclaration(id);
  const narrow = !Grid.useBreakpoint().md;

  if (decl.isPending) {
    return (
      <Card variant="borderless">
        <div style={{ textAlign: 'center', padding: 64 }}>
          <Spin size="large" />
        </div>
      </Card>
    );
  }
  if (decl.isError) {
    const missing = decl.error instanceof ApiError && decl.error.status === 404;
    return (
      <Card variant="borderless">
        <Result
          status={missing ? '404' : 'error'}
          title={missing ? '申报不存在' : '无法加载申报'}
          subTitle={errorMessage(decl.error)}
          extra={<Button onClick={() => navigate(MY_DECLARATIONS_PATH)}>我的申报记录</Button>}
        />
      </Card>
    );
  }
  const d = decl.data;
  if (!d.actions.edit) {
    return (
      <Card variant="borderless">
        <Result
          status="info"
          title="该申报已提交，不能再修改"
          subTitle={d.stage.description}
          extra={
            <Button type="primary" onClick={() => navigate(MY_DECLARATIONS_PATH)}>
              我的申报记录
            </Button>
          }
        />
      </Card>
    );
  }

  // A returned declaration opens at the first step the reviewer named.
  const ret = openReturn(d);
  const toFix = new Set(returnSteps(ret));
  const step: StepNo = parseStep(params.get('step')) ?? (ret && toFix.size ? [...toFix][0] : resumeStep(d.progress, d.guarantee));
  const go = (s: StepNo) => {
    setParams({ step: String(s) });
    window.scrollTo({ top: 0 });
  };
  const done = doneSteps(d);
  const props = { d, go };

  return (
    <Card
      variant="borderless"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          职称申报
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 14, marginInlineStart: 8 }}>
            {d.plan.name}
          </Typography.Text>
        </span>
      }
      data-testid="declaration-wizard"
    >
      {ret ? <ReturnAlert ret={ret} go={go} /> : null}
      <Steps
        className="decl-steps"
        size="small"
        direction={narrow ? 'vertical' : 'horizontal'}
        current={step - 1}
        onChange={(i) => go((i + 1) as StepNo)}
        items={STEPS.map((s) => ({
          title: s.title,
          status: s.no === step ? 'process' : done.has(s.no) ? 'finish' : 'wait',
          description: toFix.has(s.no) ? <span className="decl-step-fix">需修改</span> : undefined,
        }))}
        data-testid="wizard-steps"
      />
      <div className="decl-step-body" data-step={step}>
        {step === 1 ? <PlanStep {...props} /> : null}
        {step === 2 ? <PhotoStep {...props} /> : null}
        {step === 3 ? <GuaranteeStep {...props} /> : null}
        {step === 4 ? <InfoStep key={d.id} {...props} /> : null}
        {step === 5 ? <RecordsStep {...props} /> : null}
        {step === 6 ? <AttachmentsStep {...props} /> : null}
        {step === 7 ? <PreviewStep {...props} /> : null}
      </div>
    </Card>
  );
}
