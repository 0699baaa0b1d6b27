import {
  DeleteAccessKeyCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { NotUndone } from '../errors.js';
import { isRootArn } from '../plan.js';
import { defineAction } from '../types.js';
import { isNotFound, str } from './util.js';

interface State {
  /** IAM account summary AccountAccessKeysPresent (0 or 1). */
  present: number;
  /** The root user's keys, readable only when running as root. */
  keys: { id: string; status: string }[] | null;
}

export const ROOT_KEYS_CONSOLE_STEPS = [
  'Sign in as the root user at https://console.aws.amazon.com/ (choose "Root user").',
  'Open the account menu (top right) > Security credentials > Access keys.',
  'For each key: Actions > Deactivate, check that nothing broke, then Actions > Delete.',
  'Rampart verifies this on the next audit (check root-access-keys-absent).',
];

export default defineAction<State>({
  id: 'root-delete-access-keys',
  title: 'The root user has no access keys',
  fixes: ['root-access-keys-absent'],
  manual: ({ isRoot }) => !isRoot,
  changeKinds: ['root-key-deactivated', 'root-key-deleted'],
  permissions: ['iam:GetAccountSummary', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey'],
  cost: 'Free.',
  userImpact: 'Anything still using the root access keys stops working (nothing should).',
  async read(ctx) {
    const iam = ctx.pool.client(IAMClient);
    const summary = await iam.send(new GetAccountSummaryCommand({}));
    const present = summary.SummaryMap?.AccountAccessKeysPresent ?? 0;
    if (!isRootArn(ctx.callerArn) || present === 0) return { present, keys: null };
    // Without UserName, ListAccessKeys lists the caller's keys: the root user's when running as root.
    const out = await iam.send(new ListAccessKeysCommand({}));
    return {
      present,
      keys: (out.AccessKeyMetadata ?? []).map((k) => ({ id: k.AccessKeyId ?? '', status: k.Status ?? '' })),
    };
  },
  satisfied: (s) => s.present === 0 && (s.keys ?? []).length === 0,
  describe(s) {
    return {
      before: [
        s.keys
          ? `The root user has ${s.keys.length} access key(s): ${s.keys.map((k) => `${k.id} (${k.status})`).join(', ')}.`
          : 'The root user has access keys (IAM account summary).',
      ],
      after: s.keys
        ? [
            'Deactivate each root access key, then delete it after you confirm (deleting cannot be undone).',
            'Make sure nothing uses them first: programs should use an IAM user or role.',
          ]
        : ROOT_KEYS_CONSOLE_STEPS,
    };
  },
  async apply(ctx, s) {
    const iam = ctx.pool.client(IAMClient);
    for (const key of s.keys ?? []) {
      if (key.status === 'Active') {
        await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: key.id, Status: 'Inactive' }));
        await ctx.record({ kind: 'root-key-deactivated', accessKeyId: key.id });
        ctx.say(`Root access key ${key.id} deactivated.`);
      }
      const ok = await ctx.prompter.confirm(
        `Delete root access key ${key.id} for good? This cannot be undone (deactivated keys can be re-activated).`,
      );
      if (!ok) {
        ctx.say(`Root access key ${key.id} stays deactivated; run again to delete it.`);
        continue;
      }
      await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: key.id }));
      await ctx.record({ kind: 'root-key-deleted', accessKeyId: key.id });
    }
  },
  async undo(ctx, change) {
    const id = str(change.accessKeyId);
    if (change.kind === 'root-key-deleted') {
      throw new NotUndone(`root access key ${id} was deleted; a deleted key cannot be restored`);
    }
    if (change.kind !== 'root-key-deactivated') throw new Error(`unknown change ${change.kind}`);
    // Without UserName, UpdateAccessKey acts on the caller's own keys: only root can reach root's.
    if (!isRootArn(ctx.callerArn)) {
      throw new NotUndone(
        `only the root user can reactivate root access key ${id}: sign in as root, account menu > Security credentials > Access keys > Actions > Activate (or run rollback as root)`,
      );
    }
    try {
      await ctx.pool
        .client(IAMClient)
        .send(new UpdateAccessKeyCommand({ AccessKeyId: id, Status: 'Active' }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      throw new NotUndone(`root access key ${id} no longer exists (deleted since); it cannot be reactivated`);
    }
    return undefined;
  },
});
