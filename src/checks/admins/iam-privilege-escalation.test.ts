import { describe, expect, it } from 'vitest';
import { snapshot, TEST_ACCOUNT } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-privilege-escalation.js';
import { ADMIN_DOC, READ_ONLY_DOC, addManaged, addRole } from './fixtures.js';

const allow = (Action: string | string[], Resource = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

describe('iam-privilege-escalation', () => {
  it('fails a user that can put a policy on itself', () => {
    const snap = snapshot()
      .user('mallory', { inline: { p: allow('iam:PutUserPolicy') } })
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('fail');
    expect(f?.severity).toBe('high');
    expect(f?.message).toContain('iam-admin');
  });

  it('does not flag a policy scoped to the user own name when that is all it can change... unless it is itself', () => {
    const scoped = allow('iam:PutUserPolicy', `arn:aws:iam::${TEST_ACCOUNT}:user/\${aws:username}`);
    const [f] = runOne(
      check,
      snapshot()
        .user('self', { inline: { p: scoped } })
        .build(),
    );
    expect(f?.status).toBe('fail'); // writing its own policy is exactly self-escalation
  });

  it('fails a user that can pass an admin role to Lambda and run it', () => {
    const snap = snapshot()
      .user('dev', {
        inline: { p: allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']) },
      })
      .build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    addRole(
      snap,
      'lambda-admin',
      {
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      {
        attached: ['AdministratorAccess'],
      },
    );
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('potential');
    expect(f?.details?.methods).toContain('passrole-lambda-invoke');
  });

  it('passes a read-only account and does not report full admins as escalation', () => {
    const snap = snapshot()
      .group('admins', { attached: ['AdministratorAccess'] })
      .user('admin', { groups: ['admins'] })
      .user('reader', { attached: ['ReadOnlyAccess'] })
      .build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    addManaged(snap, 'ReadOnlyAccess', READ_ONLY_DOC);
    expect(runOne(check, snap).map((f) => f.status)).toEqual(['pass']);
  });

  it('respects an explicit Deny and a permissions boundary', () => {
    const denied = snapshot()
      .user('a', {
        inline: {
          p: {
            Statement: [
              { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
              { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
            ],
          },
        },
      })
      .build();
    expect(runOne(check, denied).map((f) => f.status)).toEqual(['pass']);
  });
});
