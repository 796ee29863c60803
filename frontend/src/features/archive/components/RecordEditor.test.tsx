import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { localTokenStore } from '../../../api/tokens';
import { categoryConfig } from '../categories';
import { RecordEditor } from './RecordEditor';

afterEach(() => vi.unstubAllGlobals());

function typeDate(label: string, value: string) {
  const input = screen.getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.blur(input);
}

describe('RecordEditor', () => {
  it('posts the typed record of the category (工作经历, 至今)', async () => {
    localTokenStore.set({ access_token: 'a', refresh_token: 'r' });
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        bodies.push(await req.clone().json());
        return Response.json({ id: 'r1', version: 1, status: 'pending' }, { status: 201 });
      }),
    );
    const onSaved = vi.fn();
    renderWithProviders(<RecordEditor cfg={categoryConfig('work_history')} record={null} onClose={() => {}} onSaved={onSaved} />);
    typeDate('开始日期', '2012-07-01');
    fireEvent.change(screen.getByLabelText('工作单位'), { target: { value: ' 宁波市水利规划设计研究院有限公司 ' } });
    fireEvent.change(screen.getByLabelText('职务/岗位'), { target: { value: '工程师' } });
    fireEvent.change(screen.getByLabelText('从事专业技术工作'), { target: { value: '水利工程设计' } });
    fireEvent.click(screen.getByTestId('record-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(bodies[0]).toEqual({
      category: 'work_history',
      data: {
        start_date: '2012-07-01',
        end_date: null,
        unit: '宁波市水利规划设计研究院有限公司',
        post: '工程师',
        work_content: '水利工程设计',
        referee: null,
      },
    });
  });

  it('shows the required-field messages and posts nothing', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RecordEditor cfg={categoryConfig('assessment')} record={null} onClose={() => {}} onSaved={() => {}} />);
    fireEvent.click(screen.getByTestId('record-save'));
    await waitFor(() =>
      expect([...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent)).toEqual([
        '请选择考核年度',
        '请选择考核结果',
      ]),
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
