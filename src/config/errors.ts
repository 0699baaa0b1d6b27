import { z } from 'zod';
import { closest } from './suggest.js';

/** `suppressions[0].expires` */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** How a wrong value is shown: short JSON for scalars, its kind for containers. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const json = JSON.stringify(v);
  return json.length > 60 ? `${json.slice(0, 57)}…"` : json;
}

function unwrap(schema: unknown): unknown {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    s = s.unwrap();
  return s;
}

/** The field names an object accepts at `path` in the schema (for "did you mean"). */
export function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const seg of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, unknown>)[String(seg)];
    else if (s instanceof z.ZodArray) s = s.element;
    else return [];
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/**
 * One zod issue as "field.path: what was expected, got VALUE". Unknown keys name the closest known key.
 * Messages that start with "expected" get the offending value appended.
 */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown, schema: z.ZodType): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const fields = fieldsAt(schema, issue.path);
    const near = closest(key, fields, 1)[0];
    const hint = near ? `did you mean "${near}"?` : `expected one of: ${fields.join(', ')}`;
    return `${pathText([...issue.path, key])}: unknown field (${hint})`;
  }
  const where = issue.path.length > 0 ? `${pathText(issue.path)}: ` : '';
  const value = valueAt(input, issue.path);
  if (value === undefined && issue.path.length > 0)
    return `${where}${issue.message.startsWith('expected') ? `missing; ${issue.message}` : issue.message}`;
  const got = issue.message.startsWith('expected') ? `, got ${describeValue(value)}` : '';
  return `${where}${issue.message}${got}`;
}
