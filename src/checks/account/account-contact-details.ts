import { attestationText, findAttestation } from '../lib/attestations.js';
import { accountRoot } from '../lib/outcomes.js';
import { defineCheck } from '../types.js';

const ID = 'account-contact-details';

/** The fields AWS needs to reach the account's owner; any missing one is a failure. */
const REQUIRED: readonly [string, string][] = [
  ['FullName', 'a name'],
  ['PhoneNumber', 'a phone number'],
  ['AddressLine1', 'an address'],
  ['CountryCode', 'a country'],
];

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export default defineCheck({
  id: ID,
  title: 'The account contact details are recorded and confirmed current',
  area: 'account',
  severity: 'low',
  rationale:
    'When an account misbehaves (abuse reports, a leaked key mining coins), AWS tries the account contact by email ' +
    'and phone before it throttles or suspends resources. The details of someone who left, or a phone only one ' +
    'person answers, turn that call into an outage. No API says whether they are current: Rampart shows them, a ' +
    'person confirms.',
  controls: { cisV5: ['1.1'], cisV6: ['2.1'] },
  needs: ['contactInformation'],
  attestable: true,
  remediation: {
    manual: [
      'Console: account menu > Account > Contact information > Edit: the company name and address, and a phone number that reaches more than one person (a team line or hunt group).',
      'CLI: aws account put-contact-information --contact-information FullName=...,CompanyName=...,PhoneNumber=...,AddressLine1=...,City=...,PostalCode=...,CountryCode=...',
      `Once confirmed, record it in rampart.config.json: "attestations": [{ "check": "${ID}", "by": "jane@example.com", "date": "2026-11-23", "note": "reviewed with finance", "expires": "2027-11-23" }], and review it yearly.`,
    ],
  },
  run({ contactInformation }, ctx) {
    const resource = accountRoot(ctx);
    const c = contactInformation.ContactInformation;
    if (!c) {
      return [
        {
          status: 'fail',
          severity: 'medium',
          resource,
          message:
            'No contact information is recorded for the account: AWS has nobody to call when it misbehaves.',
        },
      ];
    }
    const missing = REQUIRED.filter(([key]) => text(c[key]) === '').map(([, what]) => what);
    if (missing.length > 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `The account contact information lacks ${missing.join(', ')}.`,
          details: { missing },
        },
      ];
    }
    const place = [text(c.City), text(c.CountryCode)].filter(Boolean).join(', ');
    const recorded = [text(c.FullName), text(c.CompanyName), text(c.PhoneNumber), place]
      .filter(Boolean)
      .join(' · ');
    const { valid, expired } = findAttestation(ctx.options, ID, ctx.now);
    if (valid) {
      return [
        {
          status: 'pass',
          resource,
          message: `Contact ${recorded}: confirmed by ${attestationText(valid)}`,
          details: { attestation: valid },
        },
      ];
    }
    return [
      {
        status: 'manual',
        resource,
        message:
          `Contact ${recorded}. Confirm it is current and that the phone reaches more than one person, then record ` +
          `an attestation for this check in rampart.config.json${expired ? ` (the one by ${expired.by} expired on ${expired.expires ?? ''})` : ''}.`,
      },
    ];
  },
});
