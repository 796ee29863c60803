import { Card, Result } from 'antd';
import { ToolOutlined } from '@ant-design/icons';

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
