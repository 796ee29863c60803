import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { DECLARATION_KEY, type Declaration } from './api';

/** An object URL for a blob, revoked when the blob changes or the component goes. */
export function useObjectUrl(blob: Blob | undefined | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const u = URL.createObjectURL(blob);
    // The object URL is external state the image subscribes to.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return blob ? url : null;
}

/** Put a declaration the server answered into the cache (no second round trip). */
export function useSetDeclaration() {
  const qc = useQueryClient();
  return (d: Declaration) => {
    qc.setQueryData([...DECLARATION_KEY, d.id], d);
  };
}

/** Ask the server again for the declaration (and everything under its key). */
export function useRefreshDeclaration() {
  const qc = useQueryClient();
  return (id: string) => qc.invalidateQueries({ queryKey: [...DECLARATION_KEY, id] });
}
