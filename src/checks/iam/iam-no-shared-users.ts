import { hasConsolePassword } from '../lib/credential-report.js';
import { isExempt, nameWords, namingRegex } from '../lib/naming.js';
import { defineCheck, type CheckOutcome } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';
import { describeFailure } from '../lib/failure.js';

export default defineCheck({
  id: 'iam-no-shared-users',
  title: 'Every IAM user belongs to one person (no shared, role-named users)',
  area: 'iam',
  severity: 'medium',
  rationale:
    'A user named admin, devops or DbaAdmin is shared by several people or was never meant for one: CloudTrail ' +
    'cannot say who did what, nobody feels responsible for its credentials, and it outlives the people who know the ' +
    'password. One IAM user per person (or roles and federation) keeps every action attributable.',
  controls: {},
  needs: ['authorizationDetails'],
  uses: ['credentialReport'],
  remediation: {
    manual: [
      'Give each person who uses the shared user an individual IAM user (or Identity Center access) with the same group memberships.',
      'Move programs to roles (OIDC for CI, instance profiles); then deactivate the shared user’s keys, remove its password and delete it.',
      'Adjust `sharedUserWords` in rampart.config.json, or exempt break-glass users in `namingStandard.exemptions`.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const words = new Set(ctx.options.sharedUserWords.map((w) => w.toLowerCase()));
    const standard = ctx.options.namingStandard;
    let pattern: RegExp | undefined;
    let standardProblem: string | undefined;
    if (standard) {
      try {
        pattern = namingRegex(standard);
      } catch (err) {
        standardProblem = err instanceof Error ? err.message : String(err);
      }
    }
    const report = ctx.snapshot.slices.credentialReport;
    const consoleUsers =
      report.status === 'ok'
        ? new Set(report.data.rows.filter(hasConsolePassword).map((r) => r.user))
        : undefined;

    const out: CheckOutcome[] = authorizationDetails.UserDetailList.map((user): CheckOutcome => {
      const parts = nameWords(user.UserName);
      const whole = parts.join('');
      const hits = [...new Set([whole, ...parts].filter((w) => words.has(w)))];
      const reasons: string[] = [];
      if (hits.length > 0) reasons.push(`its name contains the role-like word(s) ${hits.join(', ')}`);
      const outsideStandard =
        standard !== undefined &&
        pattern !== undefined &&
        !isExempt(standard, user.UserName) &&
        !pattern.test(user.UserName);
      if (outsideStandard && consoleUsers?.has(user.UserName)) {
        reasons.push(
          `it does not follow the naming standard (${standard?.preset ?? ''}) yet has console access`,
        );
      }
      if (reasons.length > 0) {
        return {
          status: 'fail',
          resource: user.Arn,
          message: `${user.UserName} looks shared: ${reasons.join('; ')}.`,
          details: { words: hits },
        };
      }
      // Outside the naming standard: shared or not turns on console access, which only the report tells.
      if (outsideStandard && report.status !== 'ok') {
        const why =
          report.status === 'error'
            ? describeFailure(report.error, 'iam:GetCredentialReport')
            : `the credential report was not collected (${report.reason})`;
        return {
          status: 'error',
          resource: user.Arn,
          message: `${user.UserName} does not follow the naming standard; whether it has console access is unknown: ${why}.`,
        };
      }
      return { status: 'pass', resource: user.Arn, message: `${user.UserName} looks like a personal user.` };
    });
    if (standardProblem) {
      out.push({
        status: 'error',
        resource: accountRoot(ctx),
        message: `The naming-standard part of this check cannot run: ${standardProblem}.`,
      });
    }
    if (out.length === 0) {
      return [
        {
          status: 'pass',
          resource: accountRoot(ctx),
          message: 'The account has no IAM users.',
        },
      ];
    }
    return out;
  },
});
