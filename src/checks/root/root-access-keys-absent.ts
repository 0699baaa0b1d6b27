import { accessKeys, rootRow } from '../lib/credential-report.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'root-access-keys-absent',
  title: 'The root user has no access keys',
  area: 'root',
  severity: 'critical',
  securityStatus: 1,
  rationale:
    'Root access keys give unrestricted, unconditional access to the whole account and cannot be limited by any policy. ' +
    'Anyone who finds them owns the account.',
  controls: { cisV5: ['1.3'], cisV6: ['2.3'], securityHub: ['IAM.4'] },
  needs: ['accountSummary', 'credentialReport'],
  remediation: {
    action: 'root-delete-access-keys',
    manual: [
      'Sign in as the root user and open Security credentials (account menu > Security credentials).',
      'Under Access keys, deactivate each key, confirm nothing broke, then delete it.',
      'Use an IAM user or role for programmatic access instead.',
    ],
  },
  run({ accountSummary, credentialReport }, ctx) {
    const resource = accountRoot(ctx);
    const present = accountSummary.SummaryMap.AccountAccessKeysPresent;
    const row = rootRow(credentialReport.rows);
    const activeSlots = row ? accessKeys(row).filter((k) => k.active) : [];
    // The account summary is live; the credential report may be up to 4 hours old. Either one seeing a key fails.
    if ((present ?? 0) > 0 || activeSlots.length > 0) {
      const used = activeSlots.map((k) => k.lastUsed?.toISOString().slice(0, 10) ?? 'never').join(', ');
      return [
        {
          status: 'fail',
          resource,
          message:
            activeSlots.length > 0
              ? `The root user has ${activeSlots.length} active access key(s) (last used: ${used}).`
              : 'The root user has access keys (IAM account summary: AccountAccessKeysPresent = 1).',
          details: {
            accountAccessKeysPresent: present ?? null,
            activeKeySlots: activeSlots.map((k) => k.slot),
          },
        },
      ];
    }
    return [{ status: 'pass', resource, message: 'The root user has no access keys.' }];
  },
});
