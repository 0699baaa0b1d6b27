import { defineCheck } from '../types.js';

const EXTERNAL = new Set(['ACCOUNT', 'ORGANIZATION']);

export default defineCheck({
  id: 'iam-access-analyzer-enabled',
  title: 'An IAM Access Analyzer external-access analyzer is active',
  area: 'iam',
  severity: 'medium',
  rationale:
    'The external-access analyzer (free) reports resources shared outside the account or organization: public ' +
    'buckets, roles trusted by unknown accounts, KMS keys shared too widely. CIS asks for one in every region in use.',
  controls: { cisV5: ['1.19'], cisV6: ['2.19'], securityHub: ['IAM.28'] },
  needs: ['accessAnalyzers'],
  remediation: {
    manual: [
      'In each region you use: aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT --region REGION',
      '(type ORGANIZATION from the management or delegated administrator account). The unused-access analyzer types are paid and do not count.',
    ],
  },
  run({ accessAnalyzers }, ctx) {
    const checked = accessAnalyzers.Regions.map((r) => r.Region);
    const note = `Regions checked: ${checked.join(', ') || 'none'}; CIS asks for every region in use (audit each with --region).`;
    if (accessAnalyzers.Regions.length === 0) {
      return [
        {
          status: 'error',
          resource: `arn:${ctx.partition}:access-analyzer::${ctx.accountId}:analyzer`,
          message: 'No region was checked for Access Analyzer analyzers.',
        },
      ];
    }
    return accessAnalyzers.Regions.map((r) => {
      const resource = `arn:${ctx.partition}:access-analyzer:${r.Region}:${ctx.accountId}:analyzer`;
      const external = r.Analyzers.filter((a) => EXTERNAL.has(a.type));
      const active = external.find((a) => a.status === 'ACTIVE');
      if (active) {
        return {
          status: 'pass' as const,
          resource: active.arn,
          message: `${r.Region}: external-access analyzer ${active.name} (${active.type}) is active. ${note}`,
          details: { regionsChecked: checked },
        };
      }
      const why =
        external.length > 0
          ? `its external-access analyzer(s) are ${external.map((a) => `${a.name} ${a.status}`).join(', ')}`
          : r.Analyzers.length > 0
            ? `only unused-access analyzers exist (${r.Analyzers.map((a) => a.name).join(', ')}), which do not report external access`
            : 'there is no analyzer';
      return {
        status: 'fail' as const,
        resource,
        message: `${r.Region}: ${why}. ${note}`,
        details: { regionsChecked: checked },
      };
    });
  },
});
