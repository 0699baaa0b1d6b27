import { describe, expect, it } from 'vitest';
import { snapshot, TEST_ACCOUNT } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-no-full-admin-policies.js';
import { ADMIN_DOC, READ_ONLY_DOC, addManaged } from './fixtures.js';

const arn = (name: string) => `arn:aws:iam::${TEST_ACCOUNT}:policy/${name}`;

describe('iam-no-full-admin-policies', () => {
  it('fails a customer policy with Action * and one with a NotAction trick', () => {
    const snap = snapshot().build();
    addManaged(snap, arn('star'), ADMIN_DOC);
    addManaged(snap, arn('not-action'), {
      Statement: [{ Effect: 'Allow', NotAction: 'cloudshell:*', Resource: '*' }],
    });
    addManaged(snap, arn('power-user'), {
      Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }],
    });
    addManaged(snap, arn('reader'), READ_ONLY_DOC);
    const findings = runOne(check, snap);
    expect(findings.map((f) => [f.resource.split('/').pop(), f.status])).toEqual([
      ['star', 'fail'],
      ['not-action', 'fail'],
    ]);
    expect(findings[1]?.message).toContain('NotAction');
  });

  it('fails an inline policy that grants everything, and ignores the AWS managed AdministratorAccess', () => {
    const snap = snapshot()
      .user('alice', {
        inline: { everything: { Statement: { Effect: 'Allow', Action: '*:*', Resource: '*' } } },
      })
      .build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    const findings = runOne(check, snap);
    expect(findings.map((f) => f.status)).toEqual(['fail']);
    expect(findings[0]?.resource).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/alice#inline/everything`);
  });

  it('passes when the only admin grant is explicitly denied on IAM', () => {
    const snap = snapshot().build();
    addManaged(snap, arn('almost'), {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
      ],
    });
    expect(runOne(check, snap).map((f) => f.status)).toEqual(['pass']);
  });

  it('leaves out a policy used only as a permissions boundary (IAM.1: excludePermissionBoundaryPolicy: true)', () => {
    // https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
    const boundary = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:DeleteRolePermissionsBoundary', Resource: '*' },
      ],
    };
    const snap = snapshot()
      .user('u', { attached: [arn('both')] })
      .build();
    addManaged(snap, arn('boundary'), boundary);
    addManaged(snap, arn('both'), boundary);
    const users =
      snap.slices.authorizationDetails.status === 'ok'
        ? snap.slices.authorizationDetails.data.UserDetailList
        : [];
    for (const u of users)
      u.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn('boundary') };
    addManaged(snap, arn('boundary-of-nobody-yet'), boundary);
    const failed = runOne(check, snap)
      .filter((f) => f.status === 'fail')
      .map((f) => f.resource.split('/').pop());
    // Attached as a permissions policy it grants admin; unattached it is still IAM.1's (anyone may attach it).
    expect(failed.sort()).toEqual(['both', 'boundary-of-nobody-yet']);
  });

  it('names Action "*:*" as such, not as "wildcards"', () => {
    const snap = snapshot().build();
    addManaged(snap, arn('star-star'), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*:*', Resource: '*' }],
    });
    expect(runOne(check, snap)[0]?.message).toContain('"*:*"');
  });
});
