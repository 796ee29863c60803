import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { Table } from 'antd';
import { ProTable } from '@ant-design/pro-components';
import { renderWithProviders } from './render';

// TOOLCHAIN pitfall: importing `antd/locale/zh_CN` under Vite 8 silently leaves antd English.
describe('zh-CN locale', () => {
  it('an empty antd table says 暂无数据', () => {
    renderWithProviders(<Table rowKey="id" columns={[{ title: '名称', dataIndex: 'name' }]} dataSource={[]} />);
    expect(screen.getAllByText('暂无数据').length).toBeGreaterThan(0);
    expect(screen.queryByText('No data')).not.toBeInTheDocument();
  });

  it('an empty ProTable says 暂无数据 and its search form is Chinese', async () => {
    renderWithProviders(
      <ProTable<{ id: string; name: string }>
        rowKey="id"
        columns={[{ title: '机构名称', dataIndex: 'name' }]}
        request={async () => ({ data: [], total: 0, success: true })}
      />,
    );
    expect((await screen.findAllByText('暂无数据')).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /查\s*询/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /重\s*置/ })).toBeInTheDocument();
  });
});

describe('the locale object handed to ConfigProvider', () => {
  it('is the zh-CN bundle, not a module wrapper', async () => {
    const { zhCN } = await import('../appConfig');
    expect(zhCN.locale).toBe('zh-cn');
    expect(zhCN.Table?.filterConfirm).toBe('确定');
    expect(zhCN.Empty?.description).toBe('暂无数据');
  });
});
