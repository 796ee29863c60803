import { Card, Result } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useLocation } from 'react-router';
import { useMe } from '../features/auth/api';
import { pageLabel, pageOf } from '../routes/pages';

export function PlaceholderPage({ title }: { title: string }) {
  return (
    <Card title={title} variant="borderless">
      <Result
        icon={<ToolOutlined style={{ color: '#1664c0' }} />}
        title="功能建设中"
        subTitle={`「${title}」功能正在建设中，敬请期待。`}
      />
    </Card>
  );
}

/** The page-list entry of pages not built yet: 功能建设中 under the page's menu title. */
export function PlaceholderRoute() {
  const me = useMe().data;
  const page = pageOf(useLocation().pathname);
  return <PlaceholderPage title={me && page ? pageLabel(page, me.role) : ''} />;
}
