import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { localTokenStore } from '../../../api/tokens';
import type { PlanInput } from '../api';
import { plan } from '../testPlan';
import { PlanFormDrawer } from './PlanFormDrawer';

afterEach(() => vi.unstubAllGlobals());

const unit = (id: string, name: string, kind: string, parent_id: string | null) => ({
  id,
  name,
  kind,
  parent_id,
  level: parent_id ? 1 : 0,
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
});
const UNITS = [
  unit('p1', '宁波市人力资源和社会保障局', 'hrss', null),
  unit('a1', '宁波市水利局', 'competent', 'p1'),
  unit('c1', '宁波市水利工程技术人员评审委员会', 'committee', 'p1'),
];

/** The catalogue and org units, and `answer` for the PUT; the PUT bodies are collected. */
function serve(answer: () => Response) {
  localTokenStore.set({ access_token: 'a', refresh_token: 'r' });
  const bodies: PlanInput[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/reference/title-series') {
        return Response.json([
          {
            code: 'engineering',
            name: '工程技术',
            levels: [
              { level: '中级', titles: ['工程师'] },
              { level: '副高级', titles: ['高级工程师'] },
            ],
          },
        ]);
      }
      if (url.pathname === '/api/v1/org-units') {
        const items = UNITS.filter((u) => u.kind === url.searchParams.get('kind'));
        return Response.json({ items, total: items.length, page: 1, per_page: 100 });
      }
      if (req.method === 'PUT' && url.pathname === `/api/v1/plans/${plan.id}`) {
        bodies.push((await req.json()) as PlanInput);
        return answer();
      }
      return Response.json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: '未找到' }, { status: 404 });
    }),
  );
  return bodies;
}

const problem = (status: number, code: string, detail: string, errors?: { field: string; message: string }[]) =>
  new Response(JSON.stringify({ type: 'about:blank', title: detail, status, code, detail, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const draft = { ...plan, status: 'draft' as const, status_label: '草稿' };

describe('PlanFormDrawer', () => {
  it('sends the plan as PlanInput and puts the server’s 422 problems on the fields', async () => {
    const bodies = serve(() =>
      problem(422, 'validation_failed', '请求数据校验未通过', [
        { field: 'attachments[1].name', message: '附件名称不能为空且不超过50个字' },
        { field: 'fee_fen', message: '评审费应在0到1000000元之间（以分为单位）' },
        { field: 'rules.continuing_education.years', message: '继续教育考查年数应在1到10之间' },
      ]),
    );
    const onSaved = vi.fn();
    renderWithProviders(<PlanFormDrawer open plan={draft} onClose={() => {}} onSaved={onSaved} />);
    const save = await screen.findByTestId('plan-save');
    await waitFor(() => expect(screen.getByDisplayValue(plan.name)).toBeInTheDocument());
    fireEvent.click(save);
    expect(await screen.findByText('附件名称不能为空且不超过50个字')).toBeInTheDocument();
    expect(screen.getByText('评审费应在0到1000000元之间（以分为单位）')).toBeInTheDocument();
    expect(screen.getByTestId('rule-errors')).toHaveTextContent('继续教育考查年数应在1到10之间');
    expect(bodies).toHaveLength(1);
    expect(bodies[0].fee_fen).toBe(45000);
    expect(bodies[0].rules).toEqual(plan.rules);
    expect(bodies[0].acceptor_ids).toEqual(['c1']);
    expect(onSaved).not.toHaveBeenCalled();
  }, 60_000);

  it('explains a 409 plan_change_not_allowed in a dialog', async () => {
    const bodies = serve(() => problem(409, 'plan_change_not_allowed', '申报计划已发布，只能修改评审计划说明、延后申报截止时间和修改附件名称；不能修改：评审费'));
    renderWithProviders(<PlanFormDrawer open plan={plan} onClose={() => {}} onSaved={() => {}} />);
    await waitFor(() => expect(screen.getByDisplayValue(plan.name)).toBeInTheDocument());
    expect(screen.getByTestId('plan-locked-note')).toBeInTheDocument();
    expect(screen.getByDisplayValue(plan.name)).toBeDisabled();
    fireEvent.click(screen.getByTestId('plan-save'));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect((await screen.findAllByText('已发布的申报计划不能这样修改'))[0]).toBeInTheDocument();
    expect(screen.getAllByText(/不能修改：评审费/)[0]).toBeInTheDocument();
  }, 60_000);
});
