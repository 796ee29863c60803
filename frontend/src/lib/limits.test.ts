// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lengthRules, limitsOf, maxLengthOf } from './limits';

const spec = JSON.parse(readFileSync(new URL('../../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
};
const prop = (schema: string, field: string) => spec.components.schemas[schema].properties![field];

describe('limits from the contract', () => {
  it('reads the unit name limits the server enforces (2–200)', () => {
    expect(limitsOf('RegisterEmployer', 'unit_name')).toEqual({
      minLength: prop('RegisterEmployer', 'unit_name').minLength,
      maxLength: prop('RegisterEmployer', 'unit_name').maxLength,
    });
    // Both unit-name forms and the admin's new org unit agree with one another and the server.
    expect(limitsOf('RegisterEmployer', 'unit_name')).toEqual(limitsOf('CreateOrgUnit', 'name'));
    expect(limitsOf('CreateOrgUnit', 'name').minLength).toBeGreaterThanOrEqual(1);
  });

  it('agrees with openapi.json for every field the forms use', () => {
    const used: [string, string][] = [
      ['RegisterEmployer', 'unit_name'],
      ['RegisterEmployer', 'operator_name'],
      ['RegisterIndividual', 'name'],
      ['ChangeOperator', 'operator_name'],
      ['CreateOrgUnit', 'name'],
      ['CreateStaffAccount', 'name'],
      ['CreateStaffAccount', 'username'],
      ['DecisionRequest', 'comment'],
      ['ApplicationDecisionRequest', 'opinion'],
      ['UpdateProfile', 'email'],
    ];
    for (const [schema, field] of used) {
      const p = prop(schema, field);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const l = limitsOf(schema as any, field as never);
      expect(l.maxLength, `${schema}.${field}`).toBe(p.maxLength);
      expect(l.minLength, `${schema}.${field}`).toBe(p.minLength);
      expect(l.maxLength, `${schema}.${field} has a maximum`).toBeGreaterThan(0);
    }
  });

  it('turns the limits into antd rules with Chinese messages', () => {
    const { minLength, maxLength } = limitsOf('RegisterEmployer', 'unit_name');
    expect(lengthRules('RegisterEmployer', 'unit_name', '单位名称')).toEqual([
      { min: minLength, max: maxLength, message: `单位名称应为${minLength}–${maxLength}个字符` },
    ]);
    expect(lengthRules('DecisionRequest', 'comment', '审核意见')).toEqual([
      { max: prop('DecisionRequest', 'comment').maxLength, message: `审核意见不能超过${prop('DecisionRequest', 'comment').maxLength}个字符` },
    ]);
    expect(maxLengthOf('ChangeOperator', 'operator_name')).toBe(prop('ChangeOperator', 'operator_name').maxLength);
  });

  it('fails loudly on a field the contract does not have', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(() => limitsOf('RegisterEmployer', 'nickname' as any)).toThrow(/RegisterEmployer\.nickname/);
  });
});
