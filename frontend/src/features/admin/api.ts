import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ORG_KIND_LABELS, type OrgUnit, type OrgUnitKind } from './orgKinds';

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

const PAGE = 100;
/** Enough pages for any province's departments; a tree beyond this says so. */
const MAX_PAGES = 50;

/** Every org unit matching the query, page after page (the list answers at most 100 a page). */
export async function fetchAllOrgUnits(query: { kind?: OrgUnitKind; parent_id?: string }): Promise<OrgUnit[]> {
  const all: OrgUnit[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = unwrap(await api.GET('/api/v1/org-units', { params: { query: { ...query, page, per_page: PAGE } } }));
    all.push(...r.items);
    if (all.length >= r.total || r.items.length < PAGE) break;
  }
  return all;
}

/** The departments of the tree (人社部门, 主管部门, 评审委员会), without the employers under them. */
export async function fetchDepartments(): Promise<OrgUnit[]> {
  const kinds: OrgUnitKind[] = ['hrss', 'competent', 'committee'];
  return (await Promise.all(kinds.map((kind) => fetchAllOrgUnits({ kind })))).flat();
}
