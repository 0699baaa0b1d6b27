import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

/** The console sign-in host of each partition. */
function signInUrl(partition: string, alias: string): string {
  if (partition === 'aws-us-gov') return `https://${alias}.signin.amazonaws-us-gov.com/console`;
  if (partition === 'aws-cn') return `https://${alias}.signin.amazonaws.cn/console`;
  return `https://${alias}.signin.aws.amazon.com/console`;
}

export default defineCheck({
  id: 'iam-account-alias',
  title: 'The account has an alias, so its sign-in link is readable',
  area: 'iam',
  severity: 'low',
  rationale:
    'With an alias, IAM users sign in at https://ALIAS.signin.aws.amazon.com/console instead of a 12-digit URL: ' +
    'easier to recognise, harder to phish with a look-alike account number.',
  controls: {},
  needs: ['accountAliases'],
  remediation: {
    action: 'iam-set-account-alias',
    manual: [
      'IAM > Dashboard > AWS Account > Account Alias > Create (or: aws iam create-account-alias --account-alias NAME).',
    ],
  },
  run({ accountAliases }, ctx) {
    const resource = accountRoot(ctx);
    const alias = accountAliases.AccountAliases[0];
    if (alias === undefined) {
      return [
        {
          status: 'fail',
          resource,
          message: `The account has no alias: users sign in at https://${ctx.accountId}.signin.aws.amazon.com/console.`,
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `Users sign in at ${signInUrl(ctx.partition, alias)}`,
        details: { alias, signInUrl: signInUrl(ctx.partition, alias) },
      },
    ];
  },
});
