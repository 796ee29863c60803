/** Save a Blob under a file name (triggers the browser's download). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** File name from a Content-Disposition header (RFC 6266 `filename*` first). */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** Content types shown inline (components/FilePreview): PDFs in the browser's viewer, images as pictures. */
export const PREVIEWABLE = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export function isPreviewable(contentType: string): boolean {
  return (PREVIEWABLE as readonly string[]).includes(contentType);
}
