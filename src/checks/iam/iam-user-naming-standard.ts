import { isExempt, matchPerson, namingRegex, PRESET_EXAMPLES, suggestName } from '../lib/naming.js';
import { defineCheck, NAMING_PRESETS, type CheckOutcome } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-user-naming-standard',
  title: 'IAM user names follow the naming standard',
  area: 'iam',
  severity: 'low',
  rationale:
    'A naming standard (JS1234, John_Smith, JSmith, SF1234) makes it obvious who a user belongs to, turns shared or ' +
    'stray users into visible exceptions, and lets reviews of the credential report go fast.',
  controls: {},
  needs: ['authorizationDetails'],
  remediation: {
    manual: [
      'Rename the user: aws iam update-user --user-name OLD --new-user-name NEW (policies referencing the old ARN must be updated).',
      'Or list legitimate exceptions (break-glass, service users) in namingStandard.exemptions (globs with *).',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const accountResource = accountRoot(ctx);
    const standard = ctx.options.namingStandard;
    if (!standard) {
      return [
        {
          status: 'not_applicable',
          resource: accountResource,
          message: `No naming standard is configured: set namingStandard in rampart.config.json (preset ${NAMING_PRESETS.join(' | ')}, e.g. { "preset": "initial-last", "exemptions": ["breakglass-*"] }).`,
        },
      ];
    }
    let pattern: RegExp;
    try {
      pattern = namingRegex(standard);
    } catch (err) {
      return [
        {
          status: 'error',
          resource: accountResource,
          message: err instanceof Error ? err.message : String(err),
        },
      ];
    }
    const example = PRESET_EXAMPLES[standard.preset];
    if (authorizationDetails.UserDetailList.length === 0) {
      return [{ status: 'pass', resource: accountResource, message: 'The account has no IAM users.' }];
    }
    return authorizationDetails.UserDetailList.map((user): CheckOutcome => {
      if (isExempt(standard, user.UserName)) {
        return {
          status: 'pass',
          resource: user.Arn,
          message: `${user.UserName} is exempt (namingStandard.exemptions).`,
        };
      }
      if (pattern.test(user.UserName)) {
        return {
          status: 'pass',
          resource: user.Arn,
          message: `${user.UserName} follows the ${standard.preset} standard.`,
        };
      }
      const person = ctx.options.roster ? matchPerson(user.UserName, ctx.options.roster)?.person : undefined;
      const suggestion = suggestName(standard, user.UserName, person);
      return {
        status: 'fail',
        resource: user.Arn,
        message: `${user.UserName} does not follow the ${standard.preset} standard (like ${example})${suggestion ? `; suggested name: ${suggestion}` : ''}.`,
        ...(suggestion ? { details: { suggestion } } : {}),
      };
    });
  },
});
