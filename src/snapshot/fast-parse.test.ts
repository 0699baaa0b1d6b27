import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastParse } from './fast-parse.js';
import { InputError, parseSnapshot } from './io.js';
import { snapshotSchema } from './schema.js';

// Fixtures mutated by path below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const files = [
  'examples/fresh-account.json',
  'test/fixtures/snapshots/messy.json',
  'test/fixtures/snapshots/hardened.json',
];
const load = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));

/** Deep equality that ignores key order (loose objects keep the file's order, zod puts known keys first). */
const canon = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canon)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
        )
      : v;

describe('fastParse', () => {
  it.each(files)('gives what zod gives for %s', (f) => {
    const fast = fastParse(snapshotSchema, load(f));
    const zod = snapshotSchema.safeParse(load(f));
    expect(fast.ok).toBe(true);
    expect(zod.success).toBe(true);
    if (fast.ok) expect(canon(fast.value)).toEqual(canon(zod.data));
  });

  it('does not copy loose objects (the big slices are validated in place)', () => {
    const json = load('examples/fresh-account.json') as {
      slices: { authorizationDetails: { data: { UserDetailList: unknown[] } } };
    };
    const fast = fastParse(snapshotSchema, json);
    expect(fast.ok).toBe(true);
    const users = json.slices.authorizationDetails.data.UserDetailList;
    if (fast.ok) {
      const out = fast.value as typeof json;
      expect(out.slices.authorizationDetails.data.UserDetailList[0]).toBe(users[0]);
    }
  });

  it('strips unknown keys of strict objects and fills defaults, like zod', () => {
    const schema = z.object({
      a: z.string(),
      b: z.number().default(7),
      c: z.looseObject({ d: z.boolean().optional() }),
    });
    const value = { a: 'x', extra: 1, c: { d: true, kept: 'yes' } };
    expect(fastParse(schema, value)).toEqual({ ok: true, value: schema.parse(value) });
  });

  // Every mutation zod rejects, the fast path must reject too.
  const mutations: [string, (s: Json) => void][] = [
    ['user name a number', (s) => (s.slices.authorizationDetails.data.UserDetailList[0].UserName = 5)],
    ['role list not an array', (s) => (s.slices.authorizationDetails.data.RoleDetailList = {})],
    [
      'policy version flag a string',
      (s) => {
        s.slices.authorizationDetails.data.Policies[0].PolicyVersionList[0].IsDefaultVersion = 'true';
      },
    ],
    [
      'attached policy without ARN',
      (s) => {
        const users: { AttachedManagedPolicies?: { PolicyArn?: string }[] }[] =
          s.slices.authorizationDetails.data.UserDetailList;
        const u = users.find((x) => (x.AttachedManagedPolicies ?? []).length > 0);
        delete u?.AttachedManagedPolicies?.[0]?.PolicyArn;
      },
    ],
    ['slice status unknown', (s) => (s.slices.passwordPolicy = { status: 'maybe' })],
    ['account id not 12 digits', (s) => (s.meta.accountId = '12')],
    ['users null', (s) => (s.slices.authorizationDetails.data.UserDetailList = null)],
  ];
  it.each(mutations)('rejects: %s', (_name, mutate) => {
    const json = load('test/fixtures/snapshots/messy.json') as Json;
    mutate(json);
    expect(snapshotSchema.safeParse(structuredClone(json)).success).toBe(false);
    expect(fastParse(snapshotSchema, json).ok).toBe(false);
  });

  it('parseSnapshot still names the field zod names', () => {
    const json = load('test/fixtures/snapshots/messy.json') as Json;
    json.slices.authorizationDetails.data.UserDetailList[0].UserName = 5;
    expect(() => parseSnapshot(JSON.stringify(json), 'x.json')).toThrow(InputError);
    expect(() => parseSnapshot(JSON.stringify(json), 'x.json')).toThrow(
      /x\.json: invalid snapshot at slices\.authorizationDetails\.data\.UserDetailList\.0\.UserName: Invalid input: expected string, received number/,
    );
  });
});
