import {
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
  type UpdateAccountPasswordPolicyCommandInput,
} from '@aws-sdk/client-iam';
import { defineAction, type HardenInputs } from '../types.js';
import { ignoreNotFound, isNotFound } from './util.js';

/** The policy fields UpdateAccountPasswordPolicy takes. */
interface Policy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}
interface State {
  policy: Policy | null;
}

export const MIN_LENGTH = 14;
export const REUSE_PREVENTION = 24;

/** What `iam-password-policy` requires: the config's thresholds from the inputs, else CIS's 14 and 24. */
export function requiredPolicy(inputs: HardenInputs): { minLength: number; reuse: number } {
  return {
    minLength: inputs.passwordMinLength ?? MIN_LENGTH,
    reuse: inputs.passwordReusePrevention ?? REUSE_PREVENTION,
  };
}

function pick(p: Record<string, unknown>): Policy {
  const out: Record<string, number | boolean> = {};
  for (const k of [
    'MinimumPasswordLength',
    'RequireSymbols',
    'RequireNumbers',
    'RequireUppercaseCharacters',
    'RequireLowercaseCharacters',
    'AllowUsersToChangePassword',
    'MaxPasswordAge',
    'PasswordReusePrevention',
    'HardExpiry',
  ]) {
    const v = p[k];
    if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** The policy Rampart sets: the baseline, keeping anything already stricter. */
export function desiredPolicy(
  current: Policy | null,
  inputs: HardenInputs,
): UpdateAccountPasswordPolicyCommandInput {
  const c = current ?? {};
  const required = requiredPolicy(inputs);
  const maxAge =
    inputs.passwordMaxAgeDays ?? (c.MaxPasswordAge && c.MaxPasswordAge > 0 ? c.MaxPasswordAge : undefined);
  return {
    MinimumPasswordLength: Math.max(required.minLength, c.MinimumPasswordLength ?? 0),
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    PasswordReusePrevention: Math.max(required.reuse, c.PasswordReusePrevention ?? 0),
    HardExpiry: c.HardExpiry ?? false,
    ...(maxAge ? { MaxPasswordAge: maxAge } : {}),
  };
}

export default defineAction<State>({
  id: 'iam-set-password-policy',
  title:
    'A password policy: 14+ characters, four character classes, no reuse of the last 24 (or the configured thresholds)',
  fixes: ['iam-password-policy', 'iam-password-policy-max-age', 'iam-unique-passwords'],
  permissions: [
    'iam:GetAccountPasswordPolicy',
    'iam:UpdateAccountPasswordPolicy',
    'iam:DeleteAccountPasswordPolicy',
  ],
  cost: 'Free.',
  userImpact:
    'Existing passwords keep working; the next password change must meet the policy. Users may change their own password.',
  async read(ctx) {
    try {
      const out = await ctx.pool.client(IAMClient).send(new GetAccountPasswordPolicyCommand({}));
      return { policy: out.PasswordPolicy ? pick(out.PasswordPolicy as Record<string, unknown>) : null };
    } catch (err) {
      if (isNotFound(err)) return { policy: null };
      throw err;
    }
  },
  satisfied(s, inputs) {
    const p = s.policy;
    if (!p) return false;
    const required = requiredPolicy(inputs);
    const ageOk =
      inputs.passwordMaxAgeDays === undefined ||
      (p.MaxPasswordAge !== undefined &&
        p.MaxPasswordAge > 0 &&
        p.MaxPasswordAge <= inputs.passwordMaxAgeDays);
    return (
      (p.MinimumPasswordLength ?? 0) >= required.minLength &&
      p.RequireSymbols === true &&
      p.RequireNumbers === true &&
      p.RequireUppercaseCharacters === true &&
      p.RequireLowercaseCharacters === true &&
      p.AllowUsersToChangePassword === true &&
      (p.PasswordReusePrevention ?? 0) >= required.reuse &&
      ageOk
    );
  },
  describe(s, inputs) {
    const d = desiredPolicy(s.policy, inputs);
    return {
      before: [
        s.policy ? `Password policy: ${JSON.stringify(s.policy)}.` : 'The account has no password policy.',
      ],
      after: [
        `Set the password policy: at least ${d.MinimumPasswordLength ?? MIN_LENGTH} characters, upper and lower case, numbers and symbols, ` +
          `no reuse of the last ${d.PasswordReusePrevention ?? REUSE_PREVENTION}, users may change their own password, ` +
          (d.MaxPasswordAge
            ? `passwords expire after ${d.MaxPasswordAge} days.`
            : 'passwords do not expire.'),
      ],
    };
  },
  async apply(ctx, s) {
    await ctx.pool
      .client(IAMClient)
      .send(new UpdateAccountPasswordPolicyCommand(desiredPolicy(s.policy, ctx.inputs)));
    await ctx.record({ kind: 'password-policy-set', previous: s.policy });
  },
  async undo(ctx, change) {
    if (change.kind !== 'password-policy-set') throw new Error(`unknown change ${change.kind}`);
    const iam = ctx.pool.client(IAMClient);
    const previous = change.previous;
    if (previous === null || typeof previous !== 'object' || Array.isArray(previous)) {
      await ignoreNotFound(() => iam.send(new DeleteAccountPasswordPolicyCommand({})));
      return;
    }
    await iam.send(new UpdateAccountPasswordPolicyCommand(pick(previous as Record<string, unknown>)));
  },
});
