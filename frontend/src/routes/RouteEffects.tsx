import { useEffect } from 'react';
import { App } from 'antd';
import { useLocation } from 'react-router';

/**
 * Toasts belong to the page that raised them: on every change of page the pending
 * `message`s are destroyed, so "注册成功" never sits on top of the next page's error.
 * (A page that wants to greet the next one passes a notice in the navigation state.)
 */
export function useDestroyMessagesOnRouteChange() {
  const { message } = App.useApp();
  const { pathname } = useLocation();
  useEffect(() => {
    message.destroy();
  }, [pathname, message]);
}
