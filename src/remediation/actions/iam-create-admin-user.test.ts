import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
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

  it('never overwrites an earlier credentials file: a later --access-keys run writes the key to the next free name', async () => {
    // The user exists with console access (an earlier run made it): only the access key is new.
    iam.on(GetUserCommand).resolves({});
    iam.on(ListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'Administrators' } as never] });
    iam.on(GetLoginProfileCommand).resolves({});
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [] });
    iam.on(CreateAccessKeyCommand).resolves({
      AccessKey: { AccessKeyId: 'AKIANEW', SecretAccessKey: 'S3CRET', UserName: 'JSmith', Status: 'Active' },
    });
    const ctx = actionContext({ inputs: { accessKeys: true } });
    const earlier = 'user name: JSmith\npassword: the-only-copy\n';
    ctx.files.set('rampart-123456789012-JSmith-credentials.txt', earlier);
    ctx.files.set('rampart-123456789012-JSmith-credentials-2.txt', 'aws_access_key_id: AKIAOLD\n');
    await action.apply(ctx, await action.read(ctx));
    expect(iam.commandCalls(CreateLoginProfileCommand)).toHaveLength(0);
    expect(ctx.files.get('rampart-123456789012-JSmith-credentials.txt')).toBe(earlier);
    expect(ctx.files.get('rampart-123456789012-JSmith-credentials-2.txt')).toBe(
      'aws_access_key_id: AKIAOLD\n',
    );
    expect(String(ctx.files.get('rampart-123456789012-JSmith-credentials-3.txt'))).toContain(
      'aws_secret_access_key: S3CRET',
    );
    expect(ctx.said.join('\n')).toContain(
      'written to /secrets/rampart-123456789012-JSmith-credentials-3.txt (mode 0600) (the earlier rampart-123456789012-JSmith-credentials.txt is left as it was)',
    );
  });

  it('a credentials file it cannot read stops the step before any AWS change', async () => {
    missing();
    const ctx = actionContext({
      readSecretFile: () => Promise.reject(Object.assign(new Error('EISDIR'), { code: 'EACCES' })),
    });
    const state = await action.read(ctx);
    iam.resetHistory();
    await expect(action.apply(ctx, state)).rejects.toThrow(
      'cannot read rampart-123456789012-JSmith-credentials.txt in the secrets directory (permission denied); fix --secrets-dir and run again',
    );
    expect(iam.calls()).toHaveLength(0);
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

  it('a secrets directory that cannot be used stops the step before any AWS change', async () => {
    missing();
    const ctx = actionContext({
      prepareSecretsDir: () =>
        Promise.reject(new Error('the secrets directory /x/notadir/sub is not usable')),
    });
    const state = await action.read(ctx);
    iam.resetHistory();
    await expect(action.apply(ctx, state)).rejects.toThrow('is not usable');
    expect(iam.calls()).toHaveLength(0);
    expect(ctx.changes).toEqual([]);
  });

  it('when the credentials file cannot be written, the login profile and key just made are deleted again, and it says so', async () => {
    missing();
    iam.on(CreateAccessKeyCommand).resolves({
      AccessKey: {
        UserName: 'JSmith',
        AccessKeyId: 'AKIANEW',
        SecretAccessKey: 'wJalrSECRET',
        Status: 'Active',
      },
    });
    const ctx = actionContext({
      inputs: { accessKeys: true },
      writeSecretFile: () =>
        Promise.reject(Object.assign(new Error('ENOTDIR: not a directory'), { code: 'ENOTDIR' })),
    });
    const state = await action.read(ctx);
    const failure = action.apply(ctx, state);
    await expect(failure).rejects.toThrow(
      'cannot write rampart-123456789012-JSmith-credentials.txt in the secrets directory (a part of the path is a file, not a directory); ' +
        'deleted the login profile of JSmith and access key AKIANEW again (the secret was only in that file); fix --secrets-dir and run again',
    );
    expect(iam.commandCalls(DeleteLoginProfileCommand)[0]?.args[0].input).toEqual({ UserName: 'JSmith' });
    expect(iam.commandCalls(DeleteAccessKeyCommand)[0]?.args[0].input).toEqual({
      UserName: 'JSmith',
      AccessKeyId: 'AKIANEW',
    });
    const message = await failure.catch((e: unknown) => String(e));
    const password = iam.commandCalls(CreateLoginProfileCommand)[0]?.args[0].input.Password ?? '';
    expect(message).not.toContain(password);
    expect(message).not.toContain('wJalrSECRET');
    expect(ctx.said.join('\n')).not.toContain(password);
  });

  it('says which secret it could not delete after a failed write', async () => {
    missing();
    iam
      .on(DeleteLoginProfileCommand)
      .rejects(awsError('AccessDenied', 'not authorized to perform iam:DeleteLoginProfile', 403));
    const ctx = actionContext({
      writeSecretFile: () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOSPC' })),
    });
    await expect(action.apply(ctx, await action.read(ctx))).rejects.toThrow(
      /no space left on the device\); could NOT delete the login profile of JSmith \(access denied.*\): delete it in the IAM console/,
    );
  });
});
