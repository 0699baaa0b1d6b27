import { describe, expect, it } from 'vitest';
import { compareAdmins, worrying, type AdminStanding } from './admin-changes.js';

const a = (name: string, tier: AdminStanding['tier'], access: AdminStanding['access'] = 'unconditional'): AdminStanding => ({
  principal: `arn:aws:iam::111122223333:user/${name}`,
  type: 'user',
  name,
  tier,
  access,
}); // prettier-ignore

describe('compareAdmins', () => {
  it('finds new, stronger, weaker and gone admins by ARN; worrying ones first', () => {
    const before = [
      a('same', 'full'),
      a('up', 'potential'),
      a('down', 'full'),
      a('left', 'iam-admin'),
      a('mfa', 'via-role', 'mfa-only'),
    ];
    const after = [
      a('up', 'full'),
      a('same', 'full'),
      a('down', 'via-role'),
      a('joined', 'iam-admin'),
      a('mfa', 'via-role', 'unconditional'),
    ];
    const c = compareAdmins(before, after, 'old.json'); // prettier-ignore
    expect(c.since).toBe('old.json');
    expect(c.unchanged).toBe(1);
    expect(c.changes.map((x) => [x.change, x.name])).toEqual([
      ['new', 'joined'],
      ['stronger', 'mfa'],
      ['stronger', 'up'],
      ['weaker', 'down'],
      ['gone', 'left'],
    ]);
    const up = c.changes.find((x) => x.name === 'up');
    expect(up?.before).toEqual({ tier: 'potential', access: 'unconditional' });
    expect(up?.after).toEqual({ tier: 'full', access: 'unconditional' });
    expect(c.changes.find((x) => x.name === 'joined')?.before).toBeUndefined();
    expect(c.changes.find((x) => x.name === 'left')?.after).toBeUndefined();
    expect(worrying(c)).toBe(true);
  });

  it('ranks the tier before the access: a stronger tier that needs MFA is still stronger', () => {
    const c = compareAdmins([a('x', 'iam-admin', 'unconditional')], [a('x', 'full', 'mfa-only')], 'f');
    expect(c.changes.map((x) => x.change)).toEqual(['stronger']);
  });

  it('only weaker or gone admins, or none at all, are not worrying', () => {
    expect(worrying(compareAdmins([a('x', 'full')], [a('x', 'potential')], 'f'))).toBe(false);
    expect(worrying(compareAdmins([a('x', 'full')], [], 'f'))).toBe(false);
    const same = compareAdmins([a('x', 'full')], [a('x', 'full')], 'f');
    expect(same.changes).toEqual([]);
    expect(same.unchanged).toBe(1);
    expect(worrying(same)).toBe(false);
  });
});
