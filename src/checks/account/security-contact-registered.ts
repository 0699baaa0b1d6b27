import { resolveRootEmail, securityPattern } from '../lib/root-email.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'security-contact-registered',
  title: 'The security alternate contact is set, to the security list',
  area: 'account',
  severity: 'medium',
  rationale:
    'AWS sends abuse reports, compromised-credential notices and security bulletins to the security alternate ' +
    'contact. Without one they reach only the root email, or nobody who acts on them.',
  controls: { cisV5: ['1.2'], cisV6: ['2.2'], securityHub: ['Account.1'] },
  needs: ['alternateContacts'],
  uses: ['organization'],
  remediation: {
    action: 'account-set-security-contact',
    manual: [
      'Console: account menu > Account > Alternate contacts > Security: name, title, the security distribution list email and a phone number.',
      'CLI: aws account put-alternate-contact --alternate-contact-type SECURITY --email-address security@example.com --name "Security team" --title "Security" --phone-number "+1 555 0100"',
    ],
  },
  run({ alternateContacts }, ctx) {
    const resource = accountRoot(ctx);
    const contact = alternateContacts.SECURITY;
    if (!contact) {
      return [{ status: 'fail', resource, message: 'No security alternate contact is registered.' }];
    }
    const email = contact.EmailAddress ?? '';
    const who = `${contact.Name ?? 'unnamed'} <${email || 'no email'}>`;
    const pattern = securityPattern(ctx.options);
    if (pattern && !pattern.test(email)) {
      // Set, which is what the control asks; not the list, which is what the practice asks: a soft failure.
      return [
        {
          status: 'fail',
          severity: 'low',
          resource,
          message: `The security contact is ${who}, which does not match the security list pattern ${pattern.source}.`,
          details: { email },
        },
      ];
    }
    const root = resolveRootEmail(ctx.snapshot, ctx.options);
    const sameAsRoot = root.found?.email.toLowerCase() === email.toLowerCase();
    return [
      {
        status: 'pass',
        resource,
        message: `The security contact is ${who}${pattern ? ', the security list' : ''}${
          sameAsRoot ? ' (the same address as the root email)' : ''
        }.`,
        details: { email },
      },
    ];
  },
});
