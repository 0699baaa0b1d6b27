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

/** The stricter expiry: the shorter of the one in place and the one asked for; none when neither is set. */
export function stricterMaxAge(
  current: number | undefined,
  requested: number | undefined,
): number | undefined {
  const set = [current, requested].filter((d): d is number => d !== undefined && d > 0);
  return set.length > 0 ? Math.min(...set) : undefined;
}

/** What the policy in place has that is stricter than what Rampart asks for, in words (kept as it is). */
export function keptStricter(current: Policy | null, inputs: HardenInputs): string[] {
  if (!current) return [];
  const required = requiredPolicy(inputs);
  const kept: string[] = [];
  const length = current.MinimumPasswordLength ?? 0;
  if (length > required.minLength) kept.push(`the minimum length of ${length}`);
  const reuse = current.PasswordReusePrevention ?? 0;
  if (reuse > required.reuse) kept.push(`reuse prevention of ${reuse}`);
  const age = current.MaxPasswordAge ?? 0;
  if (age > 0 && (inputs.passwordMaxAgeDays === undefined || age < inputs.passwordMaxAgeDays))
    kept.push(`the expiry after ${age} days`);
  if (current.HardExpiry === true) kept.push('hard expiry');
  return kept;
}

/** The policy Rampart sets: the baseline, keeping anything already stricter, field by field. */
export function desiredPolicy(
  current: Policy | null,
  inputs: HardenInputs,
): UpdateAccountPasswordPolicyCommandInput {
  const c = current ?? {};
  const required = requiredPolicy(inputs);
  const maxAge = stricterMaxAge(c.MaxPasswordAge, inputs.passwordMaxAgeDays);
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
  changeKinds: ['password-policy-set'],
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
    const kept = keptStricter(s.policy, inputs);
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
        ...(kept.length > 0 ? [`Kept because stricter than asked: ${kept.join(', ')}.`] : []),
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
