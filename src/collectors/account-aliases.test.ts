import { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { accountAliasesCollector } from './account-aliases.js';
import { testContext } from './testing.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

describe('accountAliases collector', () => {
  it('lists the alias', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['acme-prod'], IsTruncated: false });
    expect(await accountAliasesCollector.collect(testContext(), {})).toEqual({
      AccountAliases: ['acme-prod'],
    });
  });
  it('an account without alias has an empty list', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: [] });
    expect(await accountAliasesCollector.collect(testContext(), {})).toEqual({ AccountAliases: [] });
  });
});
