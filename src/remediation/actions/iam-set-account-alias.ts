import {
  CreateAccountAliasCommand,
  DeleteAccountAliasCommand,
  IAMClient,
  ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import { defineAction } from '../types.js';
import { ignoreNotFound, str } from './util.js';
import { signInUrl } from './iam-create-admin-user.js';

interface State {
  aliases: string[];
  wanted: string | null;
}

// The rule lives with the other harden inputs (flags, config and prompts judge it alike).
export { aliasProblem } from '../../config/harden.js';

export default defineAction<State>({
  id: 'iam-set-account-alias',
  title: 'An account alias, so the sign-in link is readable',
  fixes: ['iam-account-alias'],
  changeKinds: ['alias-deleted', 'alias-created'],
  permissions: ['iam:ListAccountAliases', 'iam:CreateAccountAlias', 'iam:DeleteAccountAlias'],
  cost: 'Free.',
  userImpact: 'IAM users get a readable sign-in link; the old link with the account id keeps working.',
  async read(ctx) {
    const out = await ctx.pool.client(IAMClient).send(new ListAccountAliasesCommand({}));
    return { aliases: out.AccountAliases ?? [], wanted: ctx.inputs.alias ?? null };
  },
  satisfied: (s) => (s.wanted ? s.aliases.includes(s.wanted) : s.aliases.length > 0),
  blocked: (s) => (s.wanted ? undefined : { reason: 'needs --alias ALIAS (e.g. your company name)' }),
  describe(s, _inputs, ids) {
    return {
      before: [
        s.aliases.length > 0 ? `Account alias: ${s.aliases.join(', ')}.` : 'The account has no alias.',
      ],
      after: s.wanted
        ? [
            ...(s.aliases.length > 0 ? [`Replace the alias ${s.aliases.join(', ')}.`] : []),
            `Set the account alias ${s.wanted}: sign in at ${signInUrl(ids.accountId, s.wanted)}`,
          ]
        : ['Set an account alias (--alias ALIAS).'],
    };
  },
  async apply(ctx, s) {
    const iam = ctx.pool.client(IAMClient);
    const alias = s.wanted;
    if (!alias) throw new Error('needs --alias ALIAS');
    for (const old of s.aliases) {
      await iam.send(new DeleteAccountAliasCommand({ AccountAlias: old }));
      await ctx.record({ kind: 'alias-deleted', alias: old });
    }
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }));
    await ctx.record({ kind: 'alias-created', alias });
    ctx.say(`Sign-in link: ${signInUrl(ctx.accountId, alias)}`);
  },
  async undo(ctx, change) {
    const iam = ctx.pool.client(IAMClient);
    const alias = str(change.alias);
    if (change.kind === 'alias-created') {
      await ignoreNotFound(() => iam.send(new DeleteAccountAliasCommand({ AccountAlias: alias })));
    } else if (change.kind === 'alias-deleted') {
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }));
    } else {
      throw new Error(`unknown change ${change.kind}`);
    }
  },
});
