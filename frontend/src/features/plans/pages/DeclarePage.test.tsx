import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { renderRoutes } from '../../../test/render';
import { localTokenStore } from '../../../api/tokens';
import { plan } from '../testPlan';
import { DeclarePage } from './DeclarePage';

afterEach(() => vi.unstubAllGlobals());

/** GET /plans/open answers `open`; the catalogue, departments and plan detail answer fixtures. */
function serve(open: () => Response) {
  localTokenStore.set({ access_token: 'a', refresh_token: 'r' });
  const queries: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/plans/open') {
        queries.push(url.search);
        return open();
      }
      if (url.pathname === `/api/v1/plans/${plan.id}`) return Response.json(plan);
      if (url.pathname === '/api/v1/reference/title-series') return Response.json([{ code: 'engineering', name: '工程技术', levels: [] }]);
      if (url.pathname === '/api/v1/public/departments') return Response.json([]);
      return Response.json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: '未找到' }, { status: 404 });
    }),
  );
  return queries;
}

const routes = [{ path: '/declare', element: <DeclarePage /> }];

describe('职称申报 (choose a plan)', () => {
  it('asks for 评审 plans first and says so when there are none', async () => {
    const queries = serve(() => Response.json({ items: [], total: 0, page: 1, per_page: 100 }));
    renderRoutes(routes, '/declare');
    expect(await screen.findByText('暂无可申报的计划')).toBeInTheDocument();
    expect(queries[0]).toContain('plan_type=review');
  }, 30_000);

  it('lists open plans with the fee in 元 and opens the detail', async () => {
    serve(() => Response.json({ items: [plan], total: 1, page: 1, per_page: 100 }));
    const { router } = renderRoutes(routes, '/declare');
    expect(await screen.findByText(plan.name)).toBeInTheDocument();
    expect(screen.getByText('评审费：450.00 元')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('open-plan-view'));
    expect(await screen.findByTestId('declare-plan-title')).toHaveTextContent(plan.name);
    expect(router.state.location.search).toContain(`plan=${plan.id}`);
    expect(screen.getByTestId('plan-start')).toBeEnabled();
  }, 30_000);

  it('sends an applicant without an employer to 个人基本信息', async () => {
    serve(
      () =>
        new Response(
          JSON.stringify({ type: 'about:blank', title: '尚未绑定工作单位', status: 422, code: 'employer_not_bound', detail: '请先在个人基本信息中绑定工作单位，再查看可申报的计划' }),
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    );
    renderRoutes(routes, '/declare');
    expect(await screen.findByText('请先绑定工作单位')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /完善个人基本信息/ })).toBeInTheDocument();
  }, 30_000);
});
