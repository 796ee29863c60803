import type { FormRule } from 'antd';
import contract from 'virtual:openapi-limits';
import type { Schemas } from '../api/types';

/**
 * Form limits that agree with the server: the lengths and ranges of the generated contract
 * (`openapi/openapi.json`, components.schemas.<Schema>.properties.<field>), never numbers
 * typed again here. Schema and field names are checked against the generated types.
 */
export interface Limits {
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

type FieldOf<S extends keyof Schemas> = Extract<keyof Schemas[S], string>;

export function limitsOf<S extends keyof Schemas>(schema: S, field: FieldOf<S>): Limits {
  const props = contract[schema];
  if (!props || !(field in props)) throw new Error(`openapi.json has no property ${schema}.${field}`);
  return props[field];
}

/** The longest text the server takes for the field (for `<Input maxLength>`). */
export function maxLengthOf<S extends keyof Schemas>(schema: S, field: FieldOf<S>): number | undefined {
  return limitsOf(schema, field).maxLength;
}

/** antd rules for the field's length, with Chinese messages naming `label`. */
export function lengthRules<S extends keyof Schemas>(schema: S, field: FieldOf<S>, label: string): FormRule[] {
  const { minLength: min, maxLength: max } = limitsOf(schema, field);
  const rules: FormRule[] = [];
  if (min !== undefined && max !== undefined && min > 1) {
    rules.push({ min, max, message: `${label}应为${min}–${max}个字符` });
  } else {
    if (min !== undefined && min > 1) rules.push({ min, message: `${label}至少${min}个字符` });
    if (max !== undefined) rules.push({ max, message: `${label}不能超过${max}个字符` });
  }
  return rules;
}
