import { isTrue, rootRow } from '../lib/credential-report.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'root-hardware-mfa',
  title: 'The root user signs in with a hardware or FIDO MFA device',
  area: 'root',
  severity: 'high',
  rationale:
    'A virtual MFA app lives on a phone or laptop that is also used for everything else, and its seed can be ' +
    'copied. A FIDO security key or hardware token kept with the root credentials cannot be cloned or phished.',
  controls: { cisV5: ['1.5'], cisV6: ['2.5'], securityHub: ['IAM.6'] },
  needs: ['accountSummary', 'virtualMfaDevices'],
  uses: ['credentialReport'],
  remediation: {
    manual: [
      'Buy two FIDO2 security keys (or hardware TOTP tokens) for the root user: one to use, one as a backup.',
      'Sign in as the root user, open Security credentials, and under Multi-factor authentication (MFA) choose Assign MFA device > Passkey or security key (or Hardware TOTP token).',
      'Register both devices, then remove the virtual (authenticator app) device.',
      'Store the keys with the root credentials (see root-credentials-stored-safely).',
    ],
  },
  run({ accountSummary, virtualMfaDevices }, ctx) {
    const resource = accountRoot(ctx);
    const report = ctx.snapshot.slices.credentialReport;
    const row = report.status === 'ok' ? rootRow(report.data.rows) : undefined;
    const mfaOn = accountSummary.SummaryMap.AccountMFAEnabled === 1 || isTrue(row?.mfa_active);
    // A virtual device assigned to the root user is listed with User.Arn arn:aws:iam::<id>:root.
    const rootVirtual = virtualMfaDevices.VirtualMFADevices.filter((d) => d.User?.Arn.endsWith(':root'));
    if (rootVirtual.length > 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `The root user's MFA is a virtual device (${rootVirtual.map((d) => d.SerialNumber).join(', ')}), not a hardware or FIDO key.`,
          details: { virtualDevices: rootVirtual.map((d) => d.SerialNumber) },
        },
      ];
    }
    if (!mfaOn) {
      return [{ status: 'fail', resource, message: 'The root user has no MFA device at all.' }];
    }
    return [
      {
        status: 'pass',
        resource,
        message: 'The root user has MFA and no virtual MFA device: it is a hardware token or FIDO key.',
      },
    ];
  },
});
