import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Badge, Button, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { errorMessage, unwrap } from '../../../api/problem';
import type { Notification } from '../../../api/types';
import { formatDateTime } from '../../../lib/format';
import { NOTIFICATIONS_KEY } from '../api';

/** 我的消息: in-app notifications, newest first; one or all of them can be marked read. */
export function MessagesPage() {
  const actionRef = useRef<ActionType>(null);
  const [unread, setUnread] = useState(0);
  const [markingAll, setMarkingAll] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();

  /** Refresh the list and the header bell's count. */
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    actionRef.current?.reload();
  };

  const markRead = async (id: string) => {
    try {
      unwrap(await api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
    } catch (err) {
      message.error(errorMessage(err));
    }
    refresh();
  };

  const markAllRead = async () => {
    setMarkingAll(true);
    try {
      unwrap(await api.POST('/api/v1/notifications/read-all'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setMarkingAll(false);
    }
    refresh();
  };

  const columns: ProColumns<Notification>[] = [
    {
      title: '',
      key: 'dot',
      width: 28,
      render: (_, r) => (r.read ? null : <Badge status="error" />),
    },
    {
      title: '消息',
      key: 'title',
      render: (_, r) => (
        <div data-testid="message-item">
          <Typography.Text strong={!r.read}>{r.title}</Typography.Text>
          <div style={{ color: r.read ? '#8c8c8c' : '#434343', whiteSpace: 'pre-wrap', marginTop: 4 }}>{r.body}</div>
        </div>
      ),
    },
    { title: '时间', key: 'time', width: 170, render: (_, r) => formatDateTime(r.created_at) },
    {
      title: '操作',
      key: 'op',
      width: 110,
      render: (_, r) =>
        r.read ? (
          <Typography.Text type="secondary">已读</Typography.Text>
        ) : (
          <Button type="link" size="small" onClick={() => markRead(r.id)}>
            标为已读
          </Button>
        ),
    },
  ];

  return (
    <ProTable<Notification>
      headerTitle="我的消息"
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      cardBordered
      search={false}
      options={{ density: false, setting: false, reload: true }}
      pagination={{ defaultPageSize: 10 }}
      locale={{ emptyText: '暂无消息' }}
      // `toolbar.actions`, not `toolBarRender`: ProTable's toolbar only re-renders when its props
      // change, so the button's disabled/loading state must be part of them.
      toolbar={{
        actions: [
          <Button key="all" disabled={unread === 0} loading={markingAll} onClick={markAllRead}>
            全部标为已读
          </Button>,
        ],
      }}
      request={async (params) => {
        try {
          const page = unwrap(
            await api.GET('/api/v1/notifications', {
              params: { query: { page: params.current ?? 1, per_page: params.pageSize ?? 10 } },
            }),
          );
          setUnread(page.unread);
          return { data: page.items, total: page.total, success: true };
        } catch (err) {
          message.error(errorMessage(err));
          return { data: [], total: 0, success: false };
        }
      }}
    />
  );
}
