import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListGroupsForUserCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { describeAwsFailure } from '../errors.js';
import { fileProblem } from '../secrets.js';
import { defineAction, type ActionContext, type HardenInputs } from '../types.js';
import { ignoreNotFound, isNotFound, str, userExists } from './util.js';

interface State {
  user: string | null;
  group: string;
  exists: boolean;
  inGroup: boolean;
  console: boolean;
  accessKeys: number;
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!@#$%^&*()_+-=[]{}';

/**
 * A password with one character of each class and the rest from all of them, shuffled. Each choice takes
 * 32 random bits (modulo bias below 1e-7), so it always terminates whatever the random source.
 */
export function generatePassword(randomBytes: (n: number) => Uint8Array, length = 24): string {
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const bytes = randomBytes(8 * length);
  let at = 0;
  const next = (): number => {
    const b = bytes.subarray(at, at + 4);
    at += 4;
    return (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0;
  };
  const pick = (set: string): string => set.charAt(next() % set.length);
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}

export function signInUrl(accountId: string, alias?: string): string {
  return `https://${alias ?? accountId}.signin.aws.amazon.com/console`;
}

/**
 * After the credentials file could not be written, deletes the login profile and access key just created: their
 * secrets were in that file only. Says what was deleted, or what must be done by hand when a delete fails.
 */
async function withdrawSecrets(
  iam: IAMClient,
  user: string,
  password: boolean,
  keyId: string | undefined,
): Promise<string> {
  const done: string[] = [];
  const failed: string[] = [];
  const attempt = async (what: string, call: () => Promise<unknown>): Promise<void> => {
    try {
      await call();
      done.push(what);
    } catch (err) {
      failed.push(`${what} (${describeAwsFailure(err)})`);
    }
  };
  if (password) {
    await attempt(`the login profile of ${user}`, () =>
      iam.send(new DeleteLoginProfileCommand({ UserName: user })),
    );
  }
  if (keyId !== undefined) {
    await attempt(`access key ${keyId}`, () =>
      iam.send(new DeleteAccessKeyCommand({ UserName: user, AccessKeyId: keyId })),
    );
  }
  const parts: string[] = [];
  if (done.length > 0) parts.push(`deleted ${done.join(' and ')} again (the secret was only in that file)`);
  if (failed.length > 0) parts.push(`could NOT delete ${failed.join(' and ')}: delete it in the IAM console`);
  return parts.join('; ');
}

export const credentialsFileName = (accountId: string, user: string, n = 1): string =>
  `rampart-${accountId}-${user}-credentials${n > 1 ? `-${n}` : ''}.txt`;

/**
 * Prepares the secrets directory and picks the credentials file's name: the first of
 * rampart-ACCOUNT-USER-credentials.txt, …-credentials-2.txt, … that does not exist yet. An earlier run's file may hold
 * the only copy of a password (a later --access-keys run must not replace it with just the key).
 */
async function freeCredentialsName(ctx: ActionContext, user: string): Promise<string> {
  await ctx.prepareSecretsDir();
  for (let n = 1; ; n++) {
    const name = credentialsFileName(ctx.accountId, user, n);
    let existing: string | undefined;
    try {
      existing = await ctx.readSecretFile(name);
    } catch (err) {
      throw new Error(
        `cannot read ${name} in the secrets directory (${fileProblem(err)}); fix --secrets-dir and run again`,
        {
          cause: err,
        },
      );
    }
    if (existing === undefined) return name;
  }
}

const wanted = (s: State, inputs: HardenInputs): boolean => !inputs.accessKeys || s.accessKeys > 0;

export default defineAction<State>({
  id: 'iam-create-admin-user',
  title: 'An IAM user for you in the admin group, with console access and no access keys',
  fixes: ['iam-individual-users', 'iam-no-access-keys-at-setup'],
  after: ['iam-create-admin-group'],
  changeKinds: ['user-created', 'added-to-group', 'login-profile-created', 'access-key-created'],
  permissions: [
    'iam:GetUser',
    'iam:ListGroupsForUser',
    'iam:GetLoginProfile',
    'iam:ListAccessKeys',
    'iam:CreateUser',
    // CreateUser tags the user (created-by: rampart): tagging on create is authorized separately.
    'iam:TagUser',
    'iam:AddUserToGroup',
    'iam:CreateLoginProfile',
    'iam:CreateAccessKey',
    'iam:DeleteAccessKey',
    'iam:DeleteLoginProfile',
    'iam:RemoveUserFromGroup',
    'iam:DeleteUser',
  ],
  cost: 'Free.',
  userImpact:
    'You sign in with this user from now on instead of root; the password must be changed at the first sign-in.',
  async read(ctx) {
    const user = ctx.inputs.adminUser ?? null;
    const group = ctx.inputs.adminGroup;
    const none = { user, group, exists: false, inGroup: false, console: false, accessKeys: 0 };
    if (!user) return none;
    const iam = ctx.pool.client(IAMClient);
    if (!(await userExists(ctx, user))) return none;
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: user }));
    let console = true;
    try {
      await iam.send(new GetLoginProfileCommand({ UserName: user }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      console = false;
    }
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: user }));
    return {
      user,
      group,
      exists: true,
      inGroup: (groups.Groups ?? []).some((g) => g.GroupName === group),
      console,
      accessKeys: keys.AccessKeyMetadata?.length ?? 0,
    };
  },
  satisfied: (s, inputs) => s.user !== null && s.exists && s.inGroup && s.console && wanted(s, inputs),
  blocked: (s) => (s.user === null ? { reason: 'needs --admin-user NAME (your own user name)' } : undefined),
  describe(s, inputs) {
    const name = s.user ?? '(--admin-user)';
    const after: string[] = [];
    if (!s.exists) after.push(`Create the IAM user ${name}.`);
    if (!s.inGroup) after.push(`Add ${name} to the group ${s.group}.`);
    if (!s.console) {
      after.push(
        `Give ${name} console access with a generated 24-character password that must be changed at first sign-in; ` +
          `it is written to a file only you can read (mode 0600), never printed.`,
      );
    }
    if (inputs.accessKeys && s.accessKeys === 0)
      after.push(`Create an access key for ${name} (--access-keys).`);
    if (!inputs.accessKeys) after.push('No access keys (add --access-keys if you need them for the CLI).');
    return {
      before: s.exists
        ? [
            `User ${name} exists: ${s.inGroup ? 'in' : 'not in'} ${s.group}, console access ${s.console ? 'on' : 'off'}, ${s.accessKeys} access key(s).`,
          ]
        : [`There is no IAM user named ${name}.`],
      after,
    };
  },
  async apply(ctx, s) {
    const iam = ctx.pool.client(IAMClient);
    const user = s.user;
    if (!user) throw new Error('needs --admin-user NAME');
    const withPassword = !s.console;
    const withKey = ctx.inputs.accessKeys && s.accessKeys === 0;
    // The password and the secret key exist only in the credentials file: make sure it can be written, under a
    // name no earlier run's file holds, before anything changes in the account.
    const name = withPassword || withKey ? await freeCredentialsName(ctx, user) : '';
    if (!s.exists) {
      await iam.send(
        new CreateUserCommand({ UserName: user, Tags: [{ Key: 'created-by', Value: 'rampart' }] }),
      );
      await ctx.record({ kind: 'user-created', userName: user });
    }
    if (!s.inGroup) {
      await iam.send(new AddUserToGroupCommand({ UserName: user, GroupName: s.group }));
      await ctx.record({ kind: 'added-to-group', userName: user, group: s.group });
    }
    const lines = [
      `# Rampart: sign-in details for IAM user ${user} in account ${ctx.accountId}. Keep this file private.`,
      `sign-in URL: ${signInUrl(ctx.accountId, ctx.inputs.alias)}`,
      `user name: ${user}`,
    ];
    if (withPassword) {
      const password = generatePassword(ctx.randomBytes);
      await iam.send(
        new CreateLoginProfileCommand({ UserName: user, Password: password, PasswordResetRequired: true }),
      );
      await ctx.record({ kind: 'login-profile-created', userName: user });
      lines.push(`password: ${password}`, '(you must choose a new password at the first sign-in)');
      if (ctx.inputs.showSecrets) ctx.tell(`Password for ${user}: ${password}`);
    }
    let keyId: string | undefined;
    if (withKey) {
      const key = await iam.send(new CreateAccessKeyCommand({ UserName: user }));
      const id = key.AccessKey?.AccessKeyId ?? '';
      keyId = id;
      await ctx.record({ kind: 'access-key-created', userName: user, accessKeyId: id });
      lines.push(
        `aws_access_key_id: ${id}`,
        `aws_secret_access_key: ${key.AccessKey?.SecretAccessKey ?? ''}`,
      );
    }
    if (withPassword || withKey) {
      let file: string;
      try {
        file = await ctx.writeSecretFile(name, `${lines.join('\n')}\n`);
      } catch (err) {
        const withdrawn = await withdrawSecrets(iam, user, withPassword, keyId);
        throw new Error(
          `cannot write ${name} in the secrets directory (${fileProblem(err)}); ${withdrawn}; fix --secrets-dir and run again`,
          { cause: err },
        );
      }
      const kept =
        name === credentialsFileName(ctx.accountId, user)
          ? ''
          : ` (the earlier ${credentialsFileName(ctx.accountId, user)} is left as it was)`;
      ctx.tell(
        `Credentials for ${user} written to ${file} (mode 0600)${kept}. Store them in a password manager, then delete the file.`,
      );
    }
  },
  async undo(ctx, change) {
    const iam = ctx.pool.client(IAMClient);
    const userName = str(change.userName);
    switch (change.kind) {
      case 'access-key-created':
        await ignoreNotFound(() =>
          iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: str(change.accessKeyId) })),
        );
        return;
      case 'login-profile-created':
        await ignoreNotFound(() => iam.send(new DeleteLoginProfileCommand({ UserName: userName })));
        return;
      case 'added-to-group':
        await ignoreNotFound(() =>
          iam.send(new RemoveUserFromGroupCommand({ UserName: userName, GroupName: str(change.group) })),
        );
        return;
      case 'user-created':
        await ignoreNotFound(() => iam.send(new DeleteUserCommand({ UserName: userName })));
        return;
      default:
        throw new Error(`unknown change ${change.kind}`);
    }
  },
});
