import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action from './iam-create-admin-group.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe('iam-create-admin-group', () => {
  it('reads a missing group as "not there" and creates it with AdministratorAccess, journaling both', async () => {
    iam.on(GetGroupCommand).rejects(awsError('NoSuchEntity', 'group not found', 404));
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(state).toEqual({ group: 'Administrators', exists: false, adminPolicy: false, members: 0 });
    expect(action.satisfied(state, TEST_INPUTS)).toBe(false);
    await action.apply(ctx, state);
    expect(iam.commandCalls(CreateGroupCommand)[0]?.args[0].input).toEqual({ GroupName: 'Administrators' });
    expect(iam.commandCalls(AttachGroupPolicyCommand)[0]?.args[0].input).toEqual({
      GroupName: 'Administrators',
      PolicyArn: ADMIN,
    });
    expect(ctx.changes).toEqual([
      { kind: 'group-created', group: 'Administrators' },
      { kind: 'policy-attached', group: 'Administrators', policyArn: ADMIN },
    ]);
  });

  it('only attaches the policy to an existing group, and is satisfied once it is attached', async () => {
    iam.on(GetGroupCommand).resolves({
      Users: [{ UserName: 'a', UserId: 'x', Arn: 'a', Path: '/', CreateDate: new Date() }],
    });
    iam.on(ListAttachedGroupPoliciesCommand).resolves({ AttachedPolicies: [] });
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(state).toMatchObject({ exists: true, adminPolicy: false, members: 1 });
    await action.apply(ctx, state);
    expect(iam.commandCalls(CreateGroupCommand)).toHaveLength(0);
    expect(ctx.changes.map((c) => c.kind)).toEqual(['policy-attached']);
    expect(action.satisfied({ ...state, adminPolicy: true }, TEST_INPUTS)).toBe(true);
  });

  it('AccessDenied on read is an error, not "no group"', async () => {
    iam.on(GetGroupCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:GetGroup', 403));
    await expect(action.read(actionContext())).rejects.toThrow('iam:GetGroup');
  });

  it('undo detaches and deletes; something already gone is fine', async () => {
    iam.on(DetachGroupPolicyCommand).resolves({});
    iam.on(DeleteGroupCommand).rejects(awsError('NoSuchEntity', 'gone', 404));
    const ctx = actionContext();
    await action.undo(ctx, { kind: 'policy-attached', group: 'Administrators', policyArn: ADMIN });
    await action.undo(ctx, { kind: 'group-created', group: 'Administrators' });
    expect(iam.commandCalls(DetachGroupPolicyCommand)).toHaveLength(1);
    expect(iam.commandCalls(DeleteGroupCommand)).toHaveLength(1);
    await expect(action.undo(ctx, { kind: 'bogus' })).rejects.toThrow('unknown change bogus');
  });
});
