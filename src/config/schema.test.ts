import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_CHECK_OPTIONS } from '../checks/types.js';
import { configJsonSchema, configJsonSchemaText, configSchema, THRESHOLDS } from './schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('published JSON Schema', () => {
  it('schemas/rampart.config.schema.json matches the zod schema (run `npm run schemas` after changing it)', () => {
    const committed = readFileSync(join(root, 'schemas', 'rampart.config.schema.json'), 'utf8');
    expect(committed).toBe(configJsonSchemaText());
  });

  it('rejects unknown keys everywhere, so editors flag typos too', () => {
    const schema = configJsonSchema() as {
      additionalProperties: boolean;
      properties: Record<
        string,
        { additionalProperties?: boolean; items?: { additionalProperties?: boolean } }
      >;
    };
    expect(schema.additionalProperties).toBe(false);
    for (const key of ['thresholds', 'namingStandard', 'sharedUserWords', 'checks'])
      expect(schema.properties[key]?.additionalProperties, key).toBe(false);
    for (const key of ['suppressions', 'attestations'])
      expect(schema.properties[key]?.items?.additionalProperties, key).toBe(false);
  });

  it('has a threshold for every numeric check option, with its default in the description', () => {
    const numeric = Object.entries(DEFAULT_CHECK_OPTIONS)
      .filter(([, v]) => typeof v === 'number')
      .map(([k]) => k);
    expect(Object.keys(THRESHOLDS).sort()).toEqual(numeric.sort());
    const props = (
      configJsonSchema() as { properties: { thresholds: { properties: Record<string, object> } } }
    ).properties.thresholds.properties;
    expect(props.unusedCredentialDays).toMatchObject({ type: 'integer', minimum: 1 });
    expect(JSON.stringify(props.unusedCredentialDays)).toContain('Default: 45.');
  });

  it('the bundled example config is valid', () => {
    const example: unknown = JSON.parse(readFileSync(join(root, 'examples', 'rampart.config.json'), 'utf8'));
    const parsed = configSchema().safeParse(example);
    expect(parsed.success ? [] : z.prettifyError(parsed.error)).toEqual([]);
  });
});

describe('maxAdminUsers', () => {
  it('says what iam-admins-inventory counts: IAM users that are admins, not principals with full access', () => {
    const text = THRESHOLDS.maxAdminUsers.description;
    expect(text).toContain('iam-admins-inventory');
    expect(text).toContain('IAM users');
    expect(text).toContain('via-role');
    // The read-only daily user pattern (admin only through an MFA role) is not counted.
    expect(text).toContain('only through a role that requires MFA are not counted');
  });
});
