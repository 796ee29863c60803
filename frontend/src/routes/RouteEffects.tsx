import { useEffect } from 'react';
import { App } from 'antd';
import { useLocation, useNavigate } from 'react-router';

/** Navigation state a page may pass to greet the next one with a toast (e.g. 个人基本信息已保存). */
export interface FlashState {
  flash?: string;
}

/**
 * Toasts belong to the page that raised them: on every change of page the pending
 * `message`s are destroyed, so "注册成功" never sits on top of the next page's error. A page
 * that wants to greet the next one navigates with `state: { flash }`; it is shown here once.
 */
export function useDestroyMessagesOnRouteChange() {
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const flash = (location.state as FlashState | null)?.flash;

  useEffect(() => {
    message.destroy();
  }, [location.pathname, message]);

  useEffect(() => {
    if (!flash) return;
    void message.success(flash);
    // Once: going back to this entry later must not toast again.
    const { flash: _shown, ...rest } = (location.state ?? {}) as FlashState & Record<string, unknown>;
    navigate(location.pathname + location.search, { replace: true, state: Object.keys(rest).length ? rest : null });
  }, [flash, location.pathname, location.search, location.state, message, navigate]);
}
