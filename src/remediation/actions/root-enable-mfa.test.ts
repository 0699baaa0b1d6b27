import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { isManual } from '../plan.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action from './root-enable-mfa.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

describe('root-enable-mfa', () => {
  it('reads AccountMFAEnabled and is always a guided step, even for root', async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 0 } });
    const state = await action.read(actionContext());
    expect(action.satisfied(state, TEST_INPUTS)).toBe(false);
    expect(isManual(action, { isRoot: true })).toBe(true);
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1 } });
    expect(action.satisfied(await action.read(actionContext()), TEST_INPUTS)).toBe(true);
  });

  it('refuses to pretend: apply never acts', async () => {
    await expect(action.apply(actionContext(), { mfaEnabled: false })).rejects.toThrow('manual');
  });
});
