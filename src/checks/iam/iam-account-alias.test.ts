import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-account-alias.js';

const aliases = (AccountAliases: string[]) =>
  snapshot().slice('accountAliases', { status: 'ok', data: { AccountAliases } }).build();

describe('iam-account-alias', () => {
  it('passes with the sign-in link', () => {
    expect(runOne(check, aliases(['acme-prod']))[0]).toMatchObject({
      status: 'pass',
      message: 'Users sign in at https://acme-prod.signin.aws.amazon.com/console',
    });
  });
  it('fails without an alias', () => {
    expect(runOne(check, aliases([]))[0]?.status).toBe('fail');
  });
});
