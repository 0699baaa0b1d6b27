import { isTrue, rootRow } from '../lib/credential-report.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'root-mfa-enabled',
  title: 'The root user signs in with MFA',
  area: 'root',
  severity: 'critical',
  securityStatus: 2,
  rationale:
    'The root user can do anything, including closing the account. A password alone can be phished or reused; ' +
    'MFA (a FIDO key, hardware token or authenticator app) stops that.',
  controls: { cisV5: ['1.4'], cisV6: ['2.4'], securityHub: ['IAM.9'] },
  needs: ['accountSummary'],
  uses: ['credentialReport'],
  remediation: {
    manual: [
      'Sign in as the root user and open Security credentials (account menu > Security credentials).',
      'Under Multi-factor authentication (MFA), choose Assign MFA device: a FIDO security key, a hardware TOTP token or an authenticator app.',
      'Register a second device as a backup (up to 8 are allowed) and store it with the root credentials.',
    ],
  },
  run({ accountSummary }, ctx) {
    const resource = accountRoot(ctx);
    const enabled = accountSummary.SummaryMap.AccountMFAEnabled;
    const report = ctx.snapshot.slices.credentialReport;
    const row = report.status === 'ok' ? rootRow(report.data.rows) : undefined;
    // The account summary is live; the credential report (up to 4 h old) is a second witness.
    if (enabled === 1 || isTrue(row?.mfa_active)) {
      return [{ status: 'pass', resource, message: 'MFA is enabled for the root user.' }];
    }
    return [{ status: 'fail', resource, message: 'The root user has no MFA device.' }];
  },
});
