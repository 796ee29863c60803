import type { AccountView } from './roles';

/**
 * Name to greet with. An employer account is greeted with its unit's name
 * (seed 000: 您好，杭州博恩天成软件技术有限公司); its `name` is the operator.
 */
export function displayName(me: AccountView): string {
  if (me.role === 'employer' && me.org_unit?.name) return me.org_unit.name;
  return me.name;
}
