import { findAttestation } from '../lib/attestations.js';
import { optionalSlice } from '../lib/slices.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

const ID = 'iam-unique-passwords';

export default defineCheck({
  id: ID,
  title: 'People use a unique password for AWS (manual, attested)',
  area: 'iam',
  severity: 'low',
  rationale:
    'A password reused from another site falls with that site’s next breach. No API can tell whether a password is ' +
    'used elsewhere: a person attests that users keep AWS passwords in a password manager. IAM reuse prevention ' +
    '(iam-password-policy) is the automated proxy: it stops cycling back to old AWS passwords.',
  controls: {},
  needs: [],
  uses: ['passwordPolicy'],
  attestable: true,
  remediation: {
    manual: [
      'Require a password manager with generated passwords for AWS sign-ins; keep password reuse prevention at 24.',
      'Record it in rampart.config.json: "attestations": [{ "check": "iam-unique-passwords", "by": "you@example.com", "date": "2026-11-23", "note": "1Password for all staff", "expires": "2027-11-23" }].',
    ],
  },
  run(_data, ctx) {
    const resource = accountRoot(ctx);
    const policy = optionalSlice(ctx.snapshot, 'passwordPolicy');
    const proxy = !policy.ok
      ? `password reuse prevention is unknown (${policy.problem})`
      : policy.data.PasswordPolicy?.PasswordReusePrevention
        ? `password reuse prevention is ${String(policy.data.PasswordPolicy.PasswordReusePrevention)}`
        : 'password reuse prevention is off';
    const { valid, expired } = findAttestation(ctx.options, ID, ctx.now);
    if (valid) {
      return [
        {
          status: 'pass',
          resource,
          message: `Attested by ${valid.by} on ${valid.date}${valid.expires ? ` (until ${valid.expires})` : ''}: ${valid.note}. Automated proxy: ${proxy} (iam-password-policy).`,
          details: { attestation: valid },
        },
      ];
    }
    return [
      {
        status: 'manual',
        resource,
        message: `${expired ? `The attestation by ${expired.by} expired on ${expired.expires ?? ''}. ` : ''}Confirm people use unique AWS passwords, then record an attestation for ${ID}. Automated proxy: ${proxy} (iam-password-policy; CIS wants 24).`,
      },
    ];
  },
});
