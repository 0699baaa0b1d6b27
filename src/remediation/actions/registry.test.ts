import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../checks/registry.js';
import { ACTIONS } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

// Like the check registry: an action without its test or its docs page does not ship.
describe('remediation action registry', () => {
  it.each(ACTIONS.map((a) => [a.id, a] as const))(
    '%s has a file, a test, a docs page and permissions',
    (id, action) => {
      expect(existsSync(join(here, `${id}.ts`)), `src/remediation/actions/${id}.ts`).toBe(true);
      expect(existsSync(join(here, `${id}.test.ts`)), `src/remediation/actions/${id}.test.ts`).toBe(true);
      const doc = join(root, 'docs', 'actions', `${id}.md`);
      expect(existsSync(doc), `docs/actions/${id}.md`).toBe(true);
      const text = readFileSync(doc, 'utf8');
      for (const section of ['## What it changes', '## Permissions', '## Undo'])
        expect(text, `${id}: ${section}`).toContain(section);
      for (const permission of action.permissions) {
        expect(permission).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        expect(text, `${id} docs list ${permission}`).toContain(permission);
      }
      expect(action.permissions.length).toBeGreaterThan(0);
    },
  );

  it('has unique ids, and every action a check names exists', () => {
    const ids = ACTIONS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECKS) {
      if (check.remediation.action) expect(ids, check.id).toContain(check.remediation.action);
    }
  });

  it('orders every action after the ones it needs', () => {
    ACTIONS.forEach((a, i) => {
      for (const dep of a.after ?? []) expect(ids().indexOf(dep), `${a.id} after ${dep}`).toBeLessThan(i);
    });
  });
});

const ids = (): string[] => ACTIONS.map((a) => a.id);
