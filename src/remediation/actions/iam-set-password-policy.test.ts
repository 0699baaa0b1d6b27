import {
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action, { desiredPolicy, keptStricter, stricterMaxAge } from './iam-set-password-policy.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());
const CIS_POLICY = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  PasswordReusePrevention: 24,
};

describe('iam-set-password-policy', () => {
  it('sets 14 / four classes / reuse 24 / self-service on an account without a policy, and journals "none before"', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntity', 'no policy', 404));
    const ctx = actionContext();
    const state = await action.read(ctx);
    expect(state).toEqual({ policy: null });
    await action.apply(ctx, state);
    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0]?.args[0].input).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    });
    expect(ctx.changes).toEqual([{ kind: 'password-policy-set', previous: null }]);
  });

  it('keeps stricter settings and applies a configured expiry', () => {
    const d = desiredPolicy(
      { MinimumPasswordLength: 20, PasswordReusePrevention: 5 },
      { ...TEST_INPUTS, passwordMaxAgeDays: 90 },
    );
    expect(d).toMatchObject({ MinimumPasswordLength: 20, PasswordReusePrevention: 24, MaxPasswordAge: 90 });
  });

  it('is satisfied only when every requirement holds, including a configured expiry', () => {
    const good = {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      PasswordReusePrevention: 24,
    };
    expect(action.satisfied({ policy: good }, TEST_INPUTS)).toBe(true);
    expect(action.satisfied({ policy: { ...good, RequireSymbols: false } }, TEST_INPUTS)).toBe(false);
    expect(action.satisfied({ policy: good }, { ...TEST_INPUTS, passwordMaxAgeDays: 90 })).toBe(false);
    expect(
      action.satisfied(
        { policy: { ...good, MaxPasswordAge: 60 } },
        { ...TEST_INPUTS, passwordMaxAgeDays: 90 },
      ),
    ).toBe(true);
  });

  it("sets and requires the config's thresholds (from the inputs) when they are stricter than CIS", async () => {
    iam.on(GetAccountPasswordPolicyCommand).resolves({
      PasswordPolicy: { ...CIS_POLICY, MinimumPasswordLength: 14, PasswordReusePrevention: 24 },
    });
    const ctx = actionContext({ inputs: { passwordMinLength: 16, passwordReusePrevention: 24 } });
    const state = await action.read(ctx);
    expect(action.satisfied(state, ctx.inputs)).toBe(false);
    await action.apply(ctx, state);
    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0]?.args[0].input).toMatchObject({
      MinimumPasswordLength: 16,
      PasswordReusePrevention: 24,
    });
    expect(action.satisfied({ policy: { ...CIS_POLICY, MinimumPasswordLength: 16 } }, ctx.inputs)).toBe(true);
    // A lower configured reuse prevention is what the audit asks; an existing higher one is kept.
    expect(
      desiredPolicy({ PasswordReusePrevention: 24 }, { ...TEST_INPUTS, passwordReusePrevention: 5 }),
    ).toMatchObject({
      PasswordReusePrevention: 24,
    });
    expect(desiredPolicy(null, { ...TEST_INPUTS, passwordReusePrevention: 5 })).toMatchObject({
      PasswordReusePrevention: 5,
    });
  });

  it('keeps a shorter existing expiry over --password-max-age, and an existing expiry without it', async () => {
    // The reviewer's case: MaxPasswordAge 30 in place, a policy to fix for another reason, --password-max-age 90.
    iam.on(GetAccountPasswordPolicyCommand).resolves({
      PasswordPolicy: { ...CIS_POLICY, MinimumPasswordLength: 8, MaxPasswordAge: 30, ExpirePasswords: true },
    });
    const ctx = actionContext({ inputs: { passwordMaxAgeDays: 90 } });
    const state = await action.read(ctx);
    expect(action.describe(state, ctx.inputs, { accountId: '1', region: 'r' }).after).toEqual([
      expect.stringContaining('passwords expire after 30 days.'),
      'Kept because stricter than asked: the expiry after 30 days.',
    ]);
    await action.apply(ctx, state);
    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0]?.args[0].input).toMatchObject({
      MinimumPasswordLength: 14,
      MaxPasswordAge: 30,
    });
    expect(
      desiredPolicy({ MaxPasswordAge: 120 }, { ...TEST_INPUTS, passwordMaxAgeDays: 90 }).MaxPasswordAge,
    ).toBe(90);
    expect(desiredPolicy({ MaxPasswordAge: 30 }, TEST_INPUTS).MaxPasswordAge).toBe(30);
    expect(desiredPolicy({ MaxPasswordAge: 0 }, TEST_INPUTS).MaxPasswordAge).toBeUndefined();
    expect(stricterMaxAge(undefined, undefined)).toBeUndefined();
    expect(stricterMaxAge(30, 90)).toBe(30);
    expect(stricterMaxAge(120, 90)).toBe(90);
  });

  it('every field keeps the stricter of the policy in place and the one asked for', () => {
    const current = {
      MinimumPasswordLength: 20,
      PasswordReusePrevention: 24,
      MaxPasswordAge: 45,
      HardExpiry: true,
      RequireSymbols: false,
    };
    const inputs = {
      ...TEST_INPUTS,
      passwordMinLength: 16,
      passwordReusePrevention: 10,
      passwordMaxAgeDays: 60,
    };
    expect(desiredPolicy(current, inputs)).toEqual({
      MinimumPasswordLength: 20,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      PasswordReusePrevention: 24,
      HardExpiry: true,
      MaxPasswordAge: 45,
    });
    expect(keptStricter(current, inputs)).toEqual([
      'the minimum length of 20',
      'reuse prevention of 24',
      'the expiry after 45 days',
      'hard expiry',
    ]);
    expect(keptStricter(null, inputs)).toEqual([]);
  });

  it('undo restores the previous policy, or deletes the policy when there was none', async () => {
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});
    iam.on(DeleteAccountPasswordPolicyCommand).resolves({});
    const ctx = actionContext();
    await action.undo(ctx, {
      kind: 'password-policy-set',
      previous: { MinimumPasswordLength: 8, RequireSymbols: false },
    });
    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0]?.args[0].input).toEqual({
      MinimumPasswordLength: 8,
      RequireSymbols: false,
    });
    await action.undo(ctx, { kind: 'password-policy-set', previous: null });
    expect(iam.commandCalls(DeleteAccountPasswordPolicyCommand)).toHaveLength(1);
  });
});
