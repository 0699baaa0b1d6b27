import {
  CreateAccountAliasCommand,
  DeleteAccountAliasCommand,
  IAMClient,
  ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action, { aliasProblem } from './iam-set-account-alias.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

describe('iam-set-account-alias', () => {
  it('replaces an old alias with the requested one and prints the sign-in link', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['old-name'] });
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(action.satisfied(state, TEST_INPUTS)).toBe(false);
    await action.apply(ctx, state);
    expect(iam.commandCalls(DeleteAccountAliasCommand)[0]?.args[0].input).toEqual({
      AccountAlias: 'old-name',
    });
    expect(iam.commandCalls(CreateAccountAliasCommand)[0]?.args[0].input).toEqual({
      AccountAlias: 'acme-prod',
    });
    expect(ctx.said).toContain('Sign-in link: https://acme-prod.signin.aws.amazon.com/console');
    expect(ctx.changes).toEqual([
      { kind: 'alias-deleted', alias: 'old-name' },
      { kind: 'alias-created', alias: 'acme-prod' },
    ]);
  });

  it('is blocked without --alias when there is none, satisfied by the same alias', () => {
    expect(
      action.blocked?.({ aliases: [], wanted: null }, TEST_INPUTS, { isRoot: false, interactive: false })
        ?.reason,
    ).toContain('--alias');
    expect(action.satisfied({ aliases: ['acme-prod'], wanted: 'acme-prod' }, TEST_INPUTS)).toBe(true);
  });

  it('validates aliases like IAM does', () => {
    expect(aliasProblem('acme-prod')).toBeUndefined();
    expect(aliasProblem('Acme')).toContain('lower-case');
    expect(aliasProblem('a--b')).toContain('single hyphens');
    expect(aliasProblem('ab')).toContain('3-63');
    expect(aliasProblem('123456789012')).toContain('12-digit');
  });

  it('undo deletes the new alias and re-creates the old one', async () => {
    iam.on(DeleteAccountAliasCommand).resolves({});
    iam.on(CreateAccountAliasCommand).resolves({});
    const ctx = actionContext();
    await action.undo(ctx, { kind: 'alias-created', alias: 'acme-prod' });
    await action.undo(ctx, { kind: 'alias-deleted', alias: 'old-name' });
    expect(iam.commandCalls(CreateAccountAliasCommand)[0]?.args[0].input).toEqual({
      AccountAlias: 'old-name',
    });
  });
});
