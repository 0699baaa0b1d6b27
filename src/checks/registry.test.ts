import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SLICE_NAMES } from '../snapshot/schema.js';
import { CHECKS, SECURITY_STATUS_CHECKS } from './registry.js';
import { SEVERITIES } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

// ESLint's checkRuleFiles habit: a check without its test or its docs page does not ship.
describe('check registry', () => {
  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has a file, a test and a docs page', (id, check) => {
    expect(existsSync(join(here, check.area, `${id}.ts`)), `src/checks/${check.area}/${id}.ts`).toBe(true);
    expect(
      existsSync(join(here, check.area, `${id}.test.ts`)),
      `src/checks/${check.area}/${id}.test.ts`,
    ).toBe(true);
    expect(existsSync(join(root, 'docs', 'checks', `${id}.md`)), `docs/checks/${id}.md`).toBe(true);
    expect(SEVERITIES).toContain(check.severity);
    for (const slice of [...check.needs, ...(check.uses ?? [])]) expect(SLICE_NAMES).toContain(slice);
    expect(check.remediation.manual.length + (check.remediation.action ? 1 : 0)).toBeGreaterThan(0);
    // Reports show steps one per line; a sentence split over two steps reads as two broken steps.
    for (const step of check.remediation.manual) {
      expect(step, `${id}: manual step`).not.toMatch(/[,;]$/);
    }
  });

  // The config refuses attestations for checks that are not `attestable`: the flag must match what the check reads.
  it.each(CHECKS.map((c) => [c.id, c] as const))(
    '%s is attestable exactly when it reads attestations',
    (id, check) => {
      const source = readFileSync(join(here, check.area, `${id}.ts`), 'utf8');
      expect(check.attestable ?? false).toBe(source.includes('findAttestation('));
    },
  );

  it('has unique ids', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the five Security Status panel items in the console order', () => {
    expect(SECURITY_STATUS_CHECKS.map((c) => c.id)).toEqual([
      'root-access-keys-absent',
      'root-mfa-enabled',
      'iam-individual-users',
      'iam-groups-grant-permissions',
      'iam-password-policy',
    ]);
  });
});
