import '@testing-library/jest-dom/vitest';
import { afterEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// antd forms validate asynchronously; on a busy 2-core machine 1 s (the default) is too short.
configure({ asyncUtilTimeout: 5000 });

const inBrowserEnv = typeof window !== 'undefined';

// antd's responsive utilities need matchMedia, which jsdom does not implement.
if (inBrowserEnv) Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});

// jsdom does not implement getComputedStyle for pseudo-elements (rc-table asks for them).
if (inBrowserEnv) {
  const original = window.getComputedStyle.bind(window);
  window.getComputedStyle = (elt: Element) => original(elt);
}

if (inBrowserEnv && !('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStub });
}

afterEach(() => {
  if (!inBrowserEnv) return;
  cleanup();
  localStorage.clear();
});

// Node's fetch/Request (undici) need an origin to resolve the SPA's relative `/api/...` URLs.
(globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalOrigin.1')] = new URL('http://localhost:3000');
