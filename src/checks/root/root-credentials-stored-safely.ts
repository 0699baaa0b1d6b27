import { attestationText, findAttestation } from '../lib/attestations.js';
import { isoDay } from '../lib/slices.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

const ID = 'root-credentials-stored-safely';

export default defineCheck({
  id: ID,
  title: 'The root credentials are stored somewhere safe',
  area: 'root',
  severity: 'medium',
  rationale:
    'After the switch to IAM users, the root password and MFA device are rarely needed, so they get lost or end ' +
    'up in one person’s password manager. They belong in a place the security team controls (a safe, a shared ' +
    'vault with access logging), recorded so the next person can find them. No API can see this: a person attests it.',
  controls: {},
  needs: [],
  attestable: true,
  remediation: {
    manual: [
      'Give the root user a long random password, and store it with the MFA devices (and their backups) in a safe or a shared vault only the security team can open.',
      'Record it in rampart.config.json: "attestations": [{ "check": "root-credentials-stored-safely", "by": "jane@example.com", "date": "2026-11-23", "note": "vault aws-root, safe B2", "expires": "2027-11-23" }].',
      'Review the attestation yearly (set "expires").',
    ],
  },
  run(_data, ctx) {
    const resource = accountRoot(ctx);
    const { valid: latest, expired } = findAttestation(ctx.options, ID, ctx.now);
    if (latest) {
      return [
        {
          status: 'pass',
          resource,
          message: `Attested by ${attestationText(latest)}`,
          details: { attestation: latest },
        },
      ];
    }
    return [
      {
        status: 'manual',
        resource,
        message: expired
          ? `The attestation by ${expired.by} expired on ${expired.expires ?? ''}; confirm the root credentials are still stored safely and renew it (today is ${isoDay(ctx.now)}).`
          : 'Confirm the root password and MFA devices are stored safely, then record an attestation for this check in rampart.config.json.',
      },
    ];
  },
});
