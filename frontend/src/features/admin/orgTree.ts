import type { OrgUnit, OrgUnitKind } from './orgKinds';

export interface OrgTreeNode {
  key: string;
  unit: OrgUnit;
  /** Employers and committees have nothing under them. */
  isLeaf: boolean;
  children?: OrgTreeNode[];
}

/** Kinds that sit at the bottom of the tree. */
const LEAF_KINDS: readonly OrgUnitKind[] = ['employer', 'committee'];
/** Order of siblings: departments, then committees, then employers; by name within a kind. */
const KIND_ORDER: Record<OrgUnitKind, number> = { hrss: 0, competent: 1, committee: 2, employer: 3 };

const byKindThenName = (a: OrgUnit, b: OrgUnit) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh-CN');

/**
 * The org tree from the departments (all of them) and the employers loaded so far per parent.
 * A unit whose parent is not among them becomes a root (the tree never drops a unit).
 * Departments whose employers are not loaded yet get no `children` of their own beyond their
 * sub-departments, so the tree can still load them on expand.
 */
export function buildOrgTree(departments: readonly OrgUnit[], employersByParent: Readonly<Record<string, readonly OrgUnit[]>> = {}): OrgTreeNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const childrenOf = new Map<string | null, OrgUnit[]>();
  for (const d of departments) {
    const parent = d.parent_id && ids.has(d.parent_id) ? d.parent_id : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), d]);
  }
  const node = (u: OrgUnit): OrgTreeNode => {
    if (LEAF_KINDS.includes(u.kind)) return { key: u.id, unit: u, isLeaf: true };
    const kids = [...(childrenOf.get(u.id) ?? []), ...(employersByParent[u.id] ?? [])].sort(byKindThenName);
    const loaded = u.id in employersByParent;
    return {
      key: u.id,
      unit: u,
      // Nothing under it once its employers are known: a leaf.
      isLeaf: loaded && kids.length === 0,
      children: kids.length ? kids.map(node) : undefined,
    };
  };
  return [...(childrenOf.get(null) ?? [])].sort(byKindThenName).map(node);
}

/** Keys of the first `depth` levels (to open the top of the tree). */
export function keysToDepth(nodes: readonly OrgTreeNode[], depth: number): string[] {
  if (depth <= 0) return [];
  return nodes.flatMap((n) => (n.isLeaf ? [] : [n.key, ...keysToDepth(n.children ?? [], depth - 1)]));
}
