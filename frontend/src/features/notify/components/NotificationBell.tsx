import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useUnreadCount } from '../api';

/** Header bell: unread 站内消息 count; opens 我的消息. */
export function NotificationBell() {
  const unread = useUnreadCount();
  const navigate = useNavigate();
  const n = unread.data ?? 0;
  return (
    <Tooltip title={n ? `${n} 条未读消息` : '我的消息'}>
      <Badge count={n} size="small" offset={[-4, 4]} overflowCount={99}>
        <Button
          type="text"
          aria-label="我的消息"
          data-testid="notification-bell"
          icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
          onClick={() => navigate('/messages')}
        />
      </Badge>
    </Tooltip>
  );
}
