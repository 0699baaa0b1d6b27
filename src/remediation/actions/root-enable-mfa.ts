import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { defineAction } from '../types.js';

interface State {
  mfaEnabled: boolean;
}

export default defineAction<State>({
  id: 'root-enable-mfa',
  title: 'MFA on the root user (guided: only the root user can do this)',
  fixes: ['root-mfa-enabled', 'root-hardware-mfa'],
  manual: true,
  changeKinds: [],
  permissions: ['iam:GetAccountSummary'],
  cost: 'Free with an authenticator app; a FIDO security key or hardware token costs what the device costs.',
  userImpact: 'Root sign-in asks for the second factor from now on.',
  async read(ctx) {
    const summary = await ctx.pool.client(IAMClient).send(new GetAccountSummaryCommand({}));
    return { mfaEnabled: (summary.SummaryMap?.AccountMFAEnabled ?? 0) === 1 };
  },
  satisfied: (s) => s.mfaEnabled,
  describe: () => ({
    before: ['The root user has no MFA device.'],
    after: [
      'Sign in as the root user, open the account menu > Security credentials > Multi-factor authentication (MFA) > Assign MFA device.',
      'Prefer a FIDO security key or a hardware TOTP token (CIS asks for hardware MFA on root); an authenticator app is the minimum.',
      'Register a second device as a backup, store the root password and devices somewhere safe.',
      'Rampart verifies this on the next audit (check root-mfa-enabled).',
    ],
  }),
  apply() {
    return Promise.reject(new Error('root MFA is a guided manual step: only the root user can assign it'));
  },
  undo(_ctx, change) {
    return Promise.reject(new Error(`root-enable-mfa journals nothing (got ${change.kind})`));
  },
});
