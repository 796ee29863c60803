import type { components } from '../../api/schema';

export type OrgUnit = components['schemas']['OrgUnit'];
export type OrgUnitKind = OrgUnit['kind'];

export const ORG_KIND_LABELS: Record<OrgUnitKind, string> = {
  hrss: '人力社保部门',
  competent: '主管部门',
  committee: '评审委员会',
  employer: '用人单位',
};

export const ORG_KIND_COLORS: Record<OrgUnitKind, string> = {
  hrss: 'blue',
  competent: 'cyan',
  committee: 'purple',
  employer: 'green',
};

export const orgKindValueEnum = Object.fromEntries(
  Object.entries(ORG_KIND_LABELS).map(([k, text]) => [k, { text }]),
) as Record<OrgUnitKind, { text: string }>;
