import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClientPool } from '../../aws/clients.js';
import { CHECKS } from '../../checks/registry.js';
import { actionContext } from '../testing.js';
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

/** The text of each call that starts with `opener` in `source`, up to its first "(" and the matching ")". */
function callsOf(source: string, opener: string): string[] {
  const calls: string[] = [];
  for (let at = source.indexOf(opener); at !== -1; at = source.indexOf(opener, at + 1)) {
    let depth = 0;
    let end = source.indexOf('(', at);
    if (end === -1) break;
    do {
      if (source[end] === '(') depth++;
      else if (source[end] === ')') depth--;
      end++;
    } while (depth > 0 && end < source.length);
    calls.push(source.slice(at, end));
  }
  return calls;
}

/**
 * Tagging a resource as it is created is authorized as a separate action: without it the create call is denied.
 * A tagged create call missing here fails the test below until its tag permission is added.
 */
const TAG_PERMISSION: Record<string, string> = {
  CreateUserCommand: 'iam:TagUser',
  CreateRoleCommand: 'iam:TagRole',
  CreatePolicyCommand: 'iam:TagPolicy',
  CreateVirtualMFADeviceCommand: 'iam:TagMFADevice',
  CreateTopicCommand: 'sns:TagResource',
  CreateTrailCommand: 'cloudtrail:AddTags',
  PutRuleCommand: 'events:TagResource',
  CreateLogGroupCommand: 'logs:TagResource',
  CreateAnalyzerCommand: 'access-analyzer:TagResource',
};

describe('tag-on-create permissions', () => {
  it.each(ACTIONS.map((a) => [a.id, a] as const))(
    '%s declares the tag permission of each create call it tags, and no other',
    (id, action) => {
      const source = readFileSync(join(here, `${id}.ts`), 'utf8');
      const needed = callsOf(source, 'new ')
        .filter((call) => /\b(?:Tags|TagsList|tags)\s*:/.test(call))
        .map((call) => {
          const command = /^new (\w+)\(/.exec(call)?.[1] ?? call;
          expect(TAG_PERMISSION, `tag permission of ${command}`).toHaveProperty(command);
          return TAG_PERMISSION[command] ?? '';
        });
      const tagging = new Set(Object.values(TAG_PERMISSION));
      expect(action.permissions.filter((p) => tagging.has(p)).sort()).toEqual([...new Set(needed)].sort());
    },
  );
});

// Rollback refuses a journal holding a kind its action does not declare: the declarations must be exact.
describe('journaled change kinds', () => {
  it.each(ACTIONS.map((a) => [a.id, a] as const))(
    '%s declares exactly the kinds it journals',
    (id, action) => {
      const source = readFileSync(join(here, `${id}.ts`), 'utf8');
      const recorded = callsOf(source, '.record(').flatMap((call) =>
        [...call.matchAll(/kind: '([a-z-]+)'/g)].map((m) => m[1] ?? ''),
      );
      // util.ts's privateBucket journals the bucket it creates, serviceRole the role it creates.
      if (source.includes('privateBucket(')) recorded.push('bucket-created');
      if (/\bserviceRole\(/.test(source)) recorded.push('role-created');
      // cloudtrail-create-trail's setUpLogs journals the log group and the role (and its policy) it makes.
      if (/\bsetUpLogs\(/.test(source))
        recorded.push('log-group-created', 'role-created', 'role-policy-put', 'role-policy-replaced');
      expect([...action.changeKinds].sort()).toEqual([...new Set(recorded)].sort());
    },
  );

  it.each(ACTIONS.map((a) => [a.id, a] as const))(
    '%s undoes every kind it declares and refuses any other',
    async (id, action) => {
      // Every AWS call answers {}: enough to tell "unknown change" from an undo that ran.
      const pool = { client: () => ({ send: () => Promise.resolve({}) }) } as unknown as ClientPool;
      const ctx = actionContext({ pool });
      for (const kind of action.changeKinds) {
        const outcome = await action.undo(ctx, { kind }).then(
          () => 'undone',
          (err: unknown) => String(err),
        );
        expect(outcome, `${id} ${kind}`).not.toMatch(/unknown change|journals nothing/);
      }
      await expect(action.undo(ctx, { kind: 'no-such-kind' }), id).rejects.toThrow(/no-such-kind/);
    },
  );
});
