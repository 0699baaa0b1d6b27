import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLICE_NAMES, type Snapshot } from '../snapshot/schema.js';
import { CHECKS } from './registry.js';
import { runChecks } from './run.js';
import { slicesRead } from './slices.js';

const load = (...path: string[]) =>
  JSON.parse(readFileSync(join(process.cwd(), ...path), 'utf8')) as Snapshot;
const accounts: [string, Snapshot][] = [
  ['messy', load('test', 'fixtures', 'snapshots', 'messy.json')],
  ['hardened', load('test', 'fixtures', 'snapshots', 'hardened.json')],
  ['fresh example', load('examples', 'fresh-account.json')],
];
const NOW = new Date('2026-11-23T12:00:00Z');

/** The snapshot as a collection of only these slices would hold it. */
function only(snap: Snapshot, keep: readonly string[]): Snapshot {
  const lean = structuredClone(snap);
  const slices = lean.slices as Record<string, unknown>;
  for (const name of SLICE_NAMES) {
    if (name !== 'identity' && !keep.includes(name))
      slices[name] = { status: 'skipped', reason: 'not selected' };
  }
  return lean;
}

// `rampart audit --checks` collects only slicesRead(selected): every check must declare what it reads.
describe('slicesRead', () => {
  it.each(CHECKS.map((c) => [c.id, c]))(
    '%s finds the same with only the slices it declares',
    (_id, check) => {
      const keep = slicesRead([check]);
      for (const [name, snap] of accounts) {
        const full = runChecks(snap, [check], { now: NOW });
        expect(runChecks(only(snap, keep), [check], { now: NOW }), name).toEqual(full);
      }
    },
  );

  it('a check reading the authorization details brings the admin analysis slices', () => {
    expect(slicesRead([{ needs: ['authorizationDetails'] }])).toEqual([
      'credentialReport',
      'authorizationDetails',
      'organization',
      'serviceControlPolicies',
      'resourceControlPolicies',
    ]);
    expect(slicesRead([{ needs: ['passwordPolicy'], uses: ['accountAliases'] }])).toEqual([
      'passwordPolicy',
      'accountAliases',
    ]);
  });

  it('every collected slice is read by some check (a full selection collects nothing unused)', () => {
    expect(slicesRead(CHECKS)).toEqual(SLICE_NAMES.filter((s) => s !== 'identity'));
  });
});
