import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ORG_KIND_LABELS, type OrgUnitKind } from './orgKinds';

/**
 * Options for an org-unit picker, searched on the server by name. Without a kind,
 * employers are left out: departments and committees never sit under one.
 */
export async function searchOrgUnitOptions(keyWords?: string, kind?: OrgUnitKind) {
  const page = unwrap(
    await api.GET('/api/v1/org-units', {
      params: { query: { q: keyWords || undefined, kind, page: 1, per_page: 50 } },
    }),
  );
  return page.items
    .filter((u) => kind !== undefined || u.kind !== 'employer')
    .map((u) => ({ label: `${u.name}（${ORG_KIND_LABELS[u.kind]}）`, value: u.id }));
}
