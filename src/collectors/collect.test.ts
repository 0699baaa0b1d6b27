import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPool } from '../aws/clients.js';
import { SLICE_NAMES } from '../snapshot/schema.js';
import { collectSnapshot, IdentityError } from './collect.js';
import { withDependencies } from './registry.js';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const organizations = mockClient(OrganizationsClient);

const pool = () =>
  new ClientPool({ region: 'us-east-1', regionSource: '--region', warnings: [] }, () =>
    Promise.resolve({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }),
  );
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

afterEach(() => {
  sts.reset();
  iam.reset();
  organizations.reset();
});

// The orchestrator with SDK-level mocks; every test selects slices whose clients are mocked.
describe('collectSnapshot', () => {
  it('turns AccessDenied on one API into an error slice naming the action, and keeps collecting the rest', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/a', UserId: 'AIDA' });
    iam
      .on(GetAccountSummaryCommand)
      .rejects(awsError('AccessDenied', 'User: x is not authorized to perform: iam:GetAccountSummary'));
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejects(awsError('NoSuchEntity', 'The Password Policy cannot be found.'));
    const progress: string[] = [];
    const snapshot = await collectSnapshot({
      pool: pool(),
      // Only IAM slices: nothing here may reach a real AWS endpoint.
      only: ['accountSummary', 'passwordPolicy'],
      onProgress: (e) => progress.push(`${e.type}:${e.slice}`),
      sleep: () => Promise.resolve(),
    });

    expect(snapshot.meta).toMatchObject({ accountId: '123456789012', partition: 'aws', source: 'live' });
    expect(snapshot.slices.accountSummary).toEqual({
      status: 'error',
      error: expect.objectContaining({ kind: 'access-denied', action: 'iam:GetAccountSummary' }),
    });
    // No password policy is data, not an error.
    expect(snapshot.slices.passwordPolicy).toEqual({ status: 'ok', data: { PasswordPolicy: null } });
    // Every slice is accounted for, in schema order (stable diffs between runs).
    expect(Object.keys(snapshot.slices)).toEqual(SLICE_NAMES);
    expect(progress).toContain('done:accountSummary');
  });

  it('fails with IdentityError when even sts:GetCallerIdentity fails', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(awsError('ExpiredToken', 'The security token included in the request is expired'));
    await expect(collectSnapshot({ pool: pool() })).rejects.toBeInstanceOf(IdentityError);
  });

  it('collects only the selected slices and marks the others skipped', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/a', UserId: 'AIDA' });
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { Users: 3 } });
    const snapshot = await collectSnapshot({ pool: pool(), only: ['accountSummary'] });
    expect(snapshot.slices.accountSummary).toEqual({ status: 'ok', data: { SummaryMap: { Users: 3 } } });
    expect(snapshot.slices.passwordPolicy).toEqual({ status: 'skipped', reason: 'not selected' });
  });

  it('collects what a selected slice depends on: the SCPs bring the organization along', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/a', UserId: 'AIDA' });
    organizations
      .on(DescribeOrganizationCommand)
      .rejects(
        awsError('AccessDeniedException', 'not authorized to perform: organizations:DescribeOrganization'),
      );
    const snapshot = await collectSnapshot({ pool: pool(), only: ['serviceControlPolicies'] });
    // Asked for, not "not selected": its failure is why the SCPs could not be read.
    expect(snapshot.slices.organization).toMatchObject({ status: 'error', error: { kind: 'access-denied' } });
    expect(snapshot.slices.serviceControlPolicies).toEqual({
      status: 'skipped',
      reason: 'needs organization, which could not be collected',
    });
    expect(snapshot.slices.trails).toEqual({ status: 'skipped', reason: 'not selected' });
  });
});

describe('withDependencies', () => {
  it('adds the slices a collector reads first, transitively, in collection order', () => {
    expect(withDependencies(['snsSubscriptions'])).toEqual([
      'trails',
      'metricFilters',
      'metricAlarms',
      'eventRules',
      'snsSubscriptions',
    ]);
    expect(withDependencies(['credentialReport', 'resourceControlPolicies'])).toEqual([
      'credentialReport',
      'organization',
      'resourceControlPolicies',
    ]);
    expect(withDependencies([])).toEqual([]);
  });
});
