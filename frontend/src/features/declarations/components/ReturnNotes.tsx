import { Alert, Button, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format';
import { STEPS, type StepNo } from '../steps';
import { itemTitle, sectionStep, type ReturnItem, type ReturnRecord } from '../returns';

const stepTitle = (s: StepNo) => STEPS.find((x) => x.no === s)?.title ?? '';

/**
 * 申报被…退回修改: at the top of the wizard, every item the reviewer named with its comment
 * and a link to the step that fixes it.
 */
export function ReturnAlert({ ret, go }: { ret: ReturnRecord; go?: (s: StepNo) => void }) {
  return (
    <Alert
      type="warning"
      showIcon
      className="decl-return-alert"
      data-testid="return-alert"
      message={
        <span style={{ fontWeight: 600 }}>
          申报被{ret.unit.name}退回修改（{formatDateTime(ret.at)}
          {ret.actor ? `，${ret.actor}` : ''}）
        </span>
      }
      description={
        <div>
          {ret.comment ? <div style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }}>{ret.comment}</div> : null}
          <ul className="decl-return-items">
            {ret.items.map((i, n) => {
              const step = sectionStep(i.section);
              return (
                <li key={n} data-testid="return-item">
                  <Typography.Text strong>{itemTitle(i)}</Typography.Text>：<span style={{ whiteSpace: 'pre-wrap' }}>{i.comment}</span>
                  {go ? (
                    <Button type="link" size="small" onClick={() => go(step)} data-testid="return-item-go">
                      去修改（{stepTitle(step)}）
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {go ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              已填写的内容均已保留；修改后在“预览并提交”中重新提交，申报将重新由本单位审查。
            </Typography.Text>
          ) : null}
        </div>
      }
    />
  );
}

/** The reviewer's items for one part of a step: a 需修改 tag and the comments. */
export function ReturnMarks({
  items,
  testId = 'return-mark',
  titles = true,
}: {
  items: readonly ReturnItem[];
  testId?: string;
  /** Name each item (off where the place already says what it is, e.g. an attachment's row). */
  titles?: boolean;
}) {
  if (!items.length) return null;
  return (
    <div className="decl-return-mark" data-testid={testId}>
      <Tag color="error">需修改</Tag>
      {items.map((i, n) => (
        <div key={n} style={{ whiteSpace: 'pre-wrap' }}>
          {titles ? <Typography.Text type="secondary">{itemTitle(i)}：</Typography.Text> : null}
          {i.comment}
        </div>
      ))}
    </div>
  );
}
