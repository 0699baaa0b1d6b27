import {
  AccountClient,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action from './account-set-security-contact.js';

const account = mockClient(AccountClient);
afterEach(() => account.reset());
const OLD = { EmailAddress: 'old@example.com', Name: 'Old', PhoneNumber: '+1 555 0199', Title: 'CISO' };

describe('account-set-security-contact', () => {
  it('sets the SECURITY contact to the list, keeping the old name and title, and journals the previous contact', async () => {
    account
      .on(GetAlternateContactCommand)
      .resolves({ AlternateContact: { ...OLD, AlternateContactType: 'SECURITY' } });
    account.on(PutAlternateContactCommand).resolves({});
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(action.satisfied(state, TEST_INPUTS)).toBe(false);
    await action.apply(ctx, state);
    expect(account.commandCalls(PutAlternateContactCommand)[0]?.args[0].input).toEqual({
      AlternateContactType: 'SECURITY',
      EmailAddress: 'security@example.com',
      Name: 'Old',
      Title: 'CISO',
      PhoneNumber: '+1 555 0100',
    });
    expect(ctx.changes).toEqual([{ kind: 'contact-set', previous: OLD }]);
  });

  it('no contact is data; a missing phone blocks the step', async () => {
    account.on(GetAlternateContactCommand).rejects(awsError('ResourceNotFoundException', 'none', 404));
    const state = await action.read(actionContext());
    expect(state.security).toBeNull();
    expect(
      action.blocked?.(
        state,
        { ...TEST_INPUTS, securityPhone: undefined },
        {
          isRoot: false,
          interactive: false,
        },
      )?.reason,
    ).toContain('--security-phone');
  });

  it('undo restores the old contact or deletes the one Rampart added', async () => {
    account.on(PutAlternateContactCommand).resolves({});
    account.on(DeleteAlternateContactCommand).resolves({});
    const ctx = actionContext();
    await action.undo(ctx, { kind: 'contact-set', previous: OLD });
    expect(account.commandCalls(PutAlternateContactCommand)[0]?.args[0].input).toMatchObject(OLD);
    await action.undo(ctx, { kind: 'contact-set', previous: null });
    expect(account.commandCalls(DeleteAlternateContactCommand)).toHaveLength(1);
  });
});
