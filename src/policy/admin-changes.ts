// What changed in "who is an admin" between two runs: the weekly question after the first hour. Pure.
import { TIERS, type PathAccess, type Tier } from './admins.js';

/** What a comparison needs of an admin entry (an old `rampart admins --output json` file holds these). */
export interface AdminStanding {
  principal: string;
  type: 'user' | 'group' | 'role';
  name: string;
  tier: Tier;
  access: PathAccess;
}

export type ChangeKind = 'new' | 'stronger' | 'weaker' | 'gone';

export interface AdminChange {
  principal: string;
  type: AdminStanding['type'];
  name: string;
  change: ChangeKind;
  /** Absent for `new`. */
  before?: { tier: Tier; access: PathAccess };
  /** Absent for `gone`. */
  after?: { tier: Tier; access: PathAccess };
}

export interface AdminChanges {
  /** The file compared with, as the user named it. */
  since: string;
  changes: AdminChange[];
  /** Principals admin in both runs, in the same tier with the same access. */
  unchanged: number;
}

const ACCESS_ORDER: readonly PathAccess[] = ['unconditional', 'mfa-only', 'conditional'];

/**
 * How strong a standing is: the tier first (full is strongest), then how easily it is used (unconditional,
 * then MFA only, then other conditions). Lower is stronger.
 */
export const standingStrength = (s: { tier: Tier; access: PathAccess }): number =>
  TIERS.indexOf(s.tier) * ACCESS_ORDER.length + ACCESS_ORDER.indexOf(s.access);

const ORDER: Record<ChangeKind, number> = { new: 0, stronger: 1, weaker: 2, gone: 3 };

/**
 * The admins that appeared, got stronger, got weaker or disappeared between `before` and `after`, matched by
 * principal ARN. Worrying changes first (new, stronger), then by ARN.
 */
export function compareAdmins(
  before: readonly AdminStanding[],
  after: readonly AdminStanding[],
  since: string,
): AdminChanges {
  const old = new Map(before.map((a) => [a.principal, a]));
  const changes: AdminChange[] = [];
  let unchanged = 0;
  const standing = (a: AdminStanding) => ({ tier: a.tier, access: a.access });
  for (const now of after) {
    const was = old.get(now.principal);
    old.delete(now.principal);
    const base = { principal: now.principal, type: now.type, name: now.name };
    if (!was) {
      changes.push({ ...base, change: 'new', after: standing(now) });
      continue;
    }
    const d = standingStrength(now) - standingStrength(was);
    if (d === 0) unchanged++;
    else
      changes.push({
        ...base,
        change: d < 0 ? 'stronger' : 'weaker',
        before: standing(was),
        after: standing(now),
      });
  }
  for (const was of old.values()) {
    changes.push({
      principal: was.principal,
      type: was.type,
      name: was.name,
      change: 'gone',
      before: standing(was),
    });
  }
  changes.sort(
    (a, b) =>
      ORDER[a.change] - ORDER[b.change] ||
      (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0),
  );
  return { since, changes, unchanged };
}

/** A principal became admin or got a stronger standing: what a weekly run should alert on. */
export const worrying = (c: AdminChanges): boolean =>
  c.changes.some((x) => x.change === 'new' || x.change === 'stronger');
