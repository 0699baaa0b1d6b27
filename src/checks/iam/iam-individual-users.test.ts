import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne, statuses } from '../testing.js';
import check from './iam-individual-users.js';

describe('iam-individual-users', () => {
  it('fails on a brand-new account with no users', () => {
    expect(statuses(runOne(check, snapshot().build()))).toEqual(['fail']);
  });

  it('passes with one IAM user', () => {
    const [f] = runOne(check, snapshot().user('alice', { console: true }).build());
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('1 IAM user');
  });

  it('passes without IAM users when IAM Identity Center roles exist', () => {
    const snap = snapshot().build();
    if (snap.slices.authorizationDetails.status !== 'ok') throw new Error('fixture');
    snap.slices.authorizationDetails.data.RoleDetailList.push({
      RoleName: 'AWSReservedSSO_Admin_0123456789abcdef',
      RoleId: 'AROAX',
      Arn: 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef',
      Path: '/aws-reserved/sso.amazonaws.com/',
    });
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('pass');
    expect(f?.message).toContain('IAM Identity Center');
  });

  it('passes without IAM users when a SAML/OIDC provider exists', () => {
    const snap = snapshot().build();
    snap.slices.accountSummary = { status: 'ok', data: { SummaryMap: { Providers: 1 } } };
    expect(statuses(runOne(check, snap))).toEqual(['pass']);
  });
});
