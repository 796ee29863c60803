/**
 * What shows while a page's code loads: the same CSS spinner as the static one in
 * `index.html` (styled there, so it needs no JS library and appears at once).
 */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  return (
    <div className={fullScreen ? 'boot-loading boot-loading--full' : 'boot-loading'} role="status" aria-live="polite">
      <span className="boot-spinner" />
      <span className="boot-text">正在加载…</span>
    </div>
  );
}
