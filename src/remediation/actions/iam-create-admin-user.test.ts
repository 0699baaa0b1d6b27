import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListGroupsForUserCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action, { generatePassword } from './iam-create-admin-user.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

const missing = () => iam.on(GetUserCommand).rejects(awsError('NoSuchEntity', 'no user', 404));

describe('iam-create-admin-user', () => {
  it('creates the user in the group with a console password that must be reset; the password goes only to a 0600 file', async () => {
    missing();
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(state).toEqual({
      user: 'JSmith',
      group: 'Administrators',
      exists: false,
      inGroup: false,
      console: false,
      accessKeys: 0,
    });
    await action.apply(ctx, state);
    expect(iam.commandCalls(CreateUserCommand)[0]?.args[0].input.UserName).toBe('JSmith');
    expect(iam.commandCalls(AddUserToGroupCommand)[0]?.args[0].input).toEqual({
      UserName: 'JSmith',
      GroupName: 'Administrators',
    });
    const login = iam.commandCalls(CreateLoginProfileCommand)[0]?.args[0].input;
    expect(login?.PasswordResetRequired).toBe(true);
    const password = login?.Password ?? '';
    expect(password).toHaveLength(24);
    expect(iam.commandCalls(CreateAccessKeyCommand)).toHaveLength(0);
    const file = ctx.files.get('rampart-123456789012-JSmith-credentials.txt');
    expect(String(file)).toContain(`password: ${password}`);
    expect(String(file)).toContain('https://acme-prod.signin.aws.amazon.com/console');
    expect(JSON.stringify(ctx.changes)).not.toContain(password);
    expect(ctx.said.join('\n')).not.toContain(password);
    expect(ctx.said.join('\n')).toContain('/secrets/rampart-123456789012-JSmith-credentials.txt');
    expect(ctx.changes.map((c) => c.kind)).toEqual([
      'user-created',
      'added-to-group',
      'login-profile-created',
    ]);
  });

  it('prints the password only with --show-secrets, and creates access keys only with --access-keys', async () => {
    missing();
    iam.on(CreateAccessKeyCommand).resolves({
      AccessKey: { AccessKeyId: 'AKIANEW', SecretAccessKey: 'S3CRET', UserName: 'JSmith', Status: 'Active' },
    });
    const ctx = actionContext({ inputs: { showSecrets: true, accessKeys: true } });
    await action.apply(ctx, await action.read(ctx));
    const password = iam.commandCalls(CreateLoginProfileCommand)[0]?.args[0].input.Password ?? '';
    expect(ctx.said.join('\n')).toContain(password);
    expect(String(ctx.files.get('rampart-123456789012-JSmith-credentials.txt'))).toContain('S3CRET');
    expect(ctx.changes.at(-1)).toEqual({
      kind: 'access-key-created',
      userName: 'JSmith',
      accessKeyId: 'AKIANEW',
    });
    expect(JSON.stringify(ctx.changes)).not.toContain('S3CRET');
  });

  it('is satisfied by an existing user in the group with console access; blocked without --admin-user', async () => {
    iam.on(GetUserCommand).resolves({});
    iam.on(ListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'Administrators' } as never] });
    iam.on(GetLoginProfileCommand).resolves({});
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [] });
    const state = await action.read(actionContext());
    expect(action.satisfied(state, TEST_INPUTS)).toBe(true);
    expect(action.satisfied(state, { ...TEST_INPUTS, accessKeys: true })).toBe(false);
    const noName = await action.read(actionContext({ inputs: { adminUser: undefined } }));
    expect(action.blocked?.(noName, TEST_INPUTS, { isRoot: false, interactive: true })?.reason).toContain(
      '--admin-user',
    );
  });

  it('generates passwords with all four character classes', () => {
    let n = 7;
    const random = (len: number) => Uint8Array.from({ length: len }, () => (n = (n * 73 + 41) % 256));
    for (let i = 0; i < 20; i++) {
      const pw = generatePassword(random);
      expect(pw).toHaveLength(24);
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[a-z]/);
      expect(pw).toMatch(/\d/);
      expect(pw).toMatch(/[^A-Za-z0-9]/);
    }
  });

  it('undo deletes the user; a user already gone is fine', async () => {
    iam.on(DeleteUserCommand).rejects(awsError('NoSuchEntity', 'gone', 404));
    await action.undo(actionContext(), { kind: 'user-created', userName: 'JSmith' });
    expect(iam.commandCalls(DeleteUserCommand)[0]?.args[0].input).toEqual({ UserName: 'JSmith' });
  });
});
