import { defineCheck } from '../types.js';
import { accessText, adminReport, exportGapOutcome } from './report.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-privilege-escalation',
  title: 'No principal can make itself admin',
  area: 'admins',
  severity: 'high',
  rationale:
    'A principal that can write its own policies, join an admin group, create a policy version, create keys for an ' +
    'admin user, rewrite a trust policy or pass an admin role to a service is an admin in waiting. The methods are the ' +
    'published ones (Rhino Security Labs, PMapper, Cloudsplaining).',
  controls: {},
  needs: ['authorizationDetails'],
  uses: ['credentialReport'],
  remediation: {
    manual: [
      'Remove the IAM write actions listed in the finding, or scope them to resources that are not the principal itself.',
      'Scope iam:PassRole to the roles a workload needs, with an iam:PassedToService condition.',
      'Use a permissions boundary on principals that must manage IAM.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const report = adminReport(authorizationDetails, ctx);
    const gap = exportGapOutcome(authorizationDetails, ctx);
    if (gap) return gap;
    const escalators = report.admins.filter((a) => a.tier === 'iam-admin' || a.tier === 'potential');
    if (escalators.length === 0) {
      return [
        {
          status: 'pass',
          resource: accountRoot(ctx),
          message: 'No principal that is not an admin can escalate to admin.',
        },
      ];
    }
    return escalators.map((a) => {
      const paths = a.paths.filter((p) => p.tier === a.tier);
      const first = paths[0];
      const onlyExisting = paths.every((p) => p.dependsOnExistingResources);
      return {
        status: 'fail' as const,
        severity:
          a.tier === 'iam-admin' ? ('high' as const) : onlyExisting ? ('low' as const) : ('medium' as const),
        resource: a.principal,
        message: `${a.name} can escalate to admin (${a.tier}, ${accessText(a)}): ${first?.description ?? ''}${
          paths.length > 1 ? ` (+${paths.length - 1} more path(s))` : ''
        }`,
        details: {
          tier: a.tier,
          methods: paths.map((p) => p.method),
          actions: [...new Set(paths.flatMap((p) => p.actions))],
        },
      };
    });
  },
});
