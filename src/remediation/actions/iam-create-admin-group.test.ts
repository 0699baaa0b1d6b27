import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import { openJournal } from '../journal.js';
import { checkJournal, rollback } from '../rollback.js';
import type { Change } from '../types.js';
import action, { foreignMembers } from './iam-create-admin-group.js';
import userAction from './iam-create-admin-user.js';

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
      { kind: 'policy-attached', group: 'Administrators', policyArn: ADMIN, members: [] },
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
    iam.on(GetGroupCommand).resolves({ Users: [] });
    iam.on(DetachGroupPolicyCommand).resolves({});
    iam.on(DeleteGroupCommand).rejects(awsError('NoSuchEntity', 'gone', 404));
    const ctx = actionContext();
    await action.undo(ctx, { kind: 'policy-attached', group: 'Administrators', policyArn: ADMIN });
    await action.undo(ctx, { kind: 'group-created', group: 'Administrators' });
    expect(iam.commandCalls(DetachGroupPolicyCommand)).toHaveLength(1);
    expect(iam.commandCalls(DeleteGroupCommand)).toHaveLength(1);
    await expect(action.undo(ctx, { kind: 'bogus' })).rejects.toThrow('unknown change bogus');
  });

  it('rollback leaves the group and its policy alone when someone else joined it since, naming them (exit 3)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-group-'));
    const file = join(dir, 'journal.jsonl');
    const journal = await openJournal(file);
    const at = '2026-01-01T00:00:00Z';
    await journal.append({
      type: 'begin',
      at,
      accountId: '123456789012',
      partition: 'aws',
      region: 'eu-west-1',
      tool: 't',
    });
    const changes: [string, Change][] = [
      ['iam-create-admin-group', { kind: 'group-created', group: 'Administrators' }],
      [
        'iam-create-admin-group',
        { kind: 'policy-attached', group: 'Administrators', policyArn: ADMIN, members: [] },
      ],
      ['iam-create-admin-user', { kind: 'added-to-group', userName: 'JSmith', group: 'Administrators' }],
    ];
    for (const [a, change] of changes) await journal.append({ type: 'change', at, action: a, change });
    // JSmith (added by Rampart) is still in the group, and so is Bob, added by someone after apply.
    iam.on(GetGroupCommand).resolves({ Users: [user('Bob'), user('JSmith')], IsTruncated: false });
    iam.on(RemoveUserFromGroupCommand).resolves({});
    const results = await rollback({
      checked: checkJournal(journal, [action, userAction]),
      pool: actionContext().pool,
      identity: { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/setup' },
      say: () => undefined,
      now: () => new Date(at),
      sleep: () => Promise.resolve(),
      confirm: () => Promise.resolve(true),
    });
    expect(results.map((r) => [r.kind, r.ok])).toEqual([
      ['added-to-group', true],
      ['policy-attached', false],
      ['group-created', false],
    ]);
    expect(results[1]?.message).toMatch(
      /^not undone: iam-create-admin-group: policy-attached .*members Rampart did not add \(Bob\)/,
    );
    expect(iam.commandCalls(DetachGroupPolicyCommand)).toHaveLength(0);
    expect(iam.commandCalls(DeleteGroupCommand)).toHaveLength(0);
    expect(await readFile(file, 'utf8')).not.toContain('rolled-back');
  });

  it('undo gives back what members from before the policy was attached had (they are not foreign)', async () => {
    iam.on(GetGroupCommand).resolves({ Users: [user('Ann')] });
    iam.on(DetachGroupPolicyCommand).resolves({});
    await action.undo(actionContext(), {
      kind: 'policy-attached',
      group: 'Administrators',
      policyArn: ADMIN,
      members: ['Ann'],
    });
    expect(iam.commandCalls(DetachGroupPolicyCommand)).toHaveLength(1);
    expect(
      foreignMembers(
        ['Ann', 'Bob', 'JSmith'],
        'Administrators',
        [
          {
            action: 'iam-create-admin-user',
            change: { kind: 'added-to-group', userName: 'JSmith', group: 'Administrators' },
          },
          {
            action: 'iam-create-admin-user',
            change: { kind: 'added-to-group', userName: 'Bob', group: 'Other' },
          },
        ],
        ['Ann'],
      ),
    ).toEqual(['Bob']);
  });

  it('apply records who was in an existing group before the policy was attached', async () => {
    iam.on(GetGroupCommand).resolves({ Users: [user('Ann')] });
    iam.on(ListAttachedGroupPoliciesCommand).resolves({ AttachedPolicies: [] });
    const ctx = actionContext();
    await action.apply(ctx, await action.read(ctx));
    expect(ctx.changes).toEqual([
      { kind: 'policy-attached', group: 'Administrators', policyArn: ADMIN, members: ['Ann'] },
    ]);
  });
});

function user(name: string) {
  return {
    UserName: name,
    UserId: name,
    Arn: `arn:aws:iam::123456789012:user/${name}`,
    Path: '/',
    CreateDate: new Date(),
  };
}
