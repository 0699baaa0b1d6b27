import { isPastDay } from '../lib/dates.js';
import { isoDay } from '../lib/slices.js';
import { defineCheck, type Attestation } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

const ID = 'root-credentials-stored-safely';

const validAt = (a: Attestation, now: Date): boolean => {
  const from = new Date(a.date);
  if (Number.isNaN(from.getTime()) || from.getTime() > now.getTime()) return false;
  // The expiry date is the last day the attestation counts (as in the report and for suppressions).
  return a.expires === undefined || !isPastDay(a.expires, now);
};

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
  remediation: {
    manual: [
      'Give the root user a long random password, and store it with the MFA devices (and their backups) in a safe or a shared vault only the security team can open.',
      'Record it in rampart.config.json: "attestations": [{ "check": "root-credentials-stored-safely", "by": "jane@example.com", "date": "2026-11-23", "note": "vault aws-root, safe B2", "expires": "2027-11-23" }].',
      'Review the attestation yearly (set "expires").',
    ],
  },
  run(_data, ctx) {
    const resource = accountRoot(ctx);
    const mine = ctx.options.attestations.filter((a) => a.checkId === ID);
    const valid = mine.filter((a) => validAt(a, ctx.now)).sort((a, b) => b.date.localeCompare(a.date));
    const latest = valid[0];
    if (latest) {
      return [
        {
          status: 'pass',
          resource,
          message: `Attested by ${latest.by} on ${latest.date}${latest.expires ? ` (until ${latest.expires})` : ''}: ${latest.note}`,
          details: { attestation: latest },
        },
      ];
    }
    const expired = mine.find((a) => a.expires !== undefined);
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
