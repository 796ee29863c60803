// Under Vite 8, `antd/locale/zh_CN` resolves to `{ default: … }` and antd silently
// stays English: import the ES build directly (TOOLCHAIN.md pitfall).
import zhCNModule from 'antd/es/locale/zh_CN';
import { QueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

type AntdLocale = typeof zhCNModule;
/** Belt and braces: unwrap a CommonJS `{ default }` wrapper should a bundler hand us one. */
export const zhCN: AntdLocale = (zhCNModule as AntdLocale & { default?: AntdLocale }).default ?? zhCNModule;

export const theme = {
  token: {
    colorPrimary: '#1664c0',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
