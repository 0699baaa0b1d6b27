import { describeFailure, type Failure } from '../lib/failure.js';
import { defineCheck, type CheckOutcome } from '../types.js';

/** The snapshot spells this slice's errors in AWS's casing. */
const failureOf = (e: { Message: string; Action?: string | undefined; Kind?: Failure['kind'] }): Failure => ({
  message: e.Message,
  action: e.Action,
  kind: e.Kind,
});

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
    action: 'iam-create-access-analyzer',
    manual: [
      'In each enabled region: aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT --region REGION',
      'From the management or delegated administrator account, --type ORGANIZATION covers the whole organization instead.',
      'The unused-access analyzer types are paid and do not count; disable opt-in regions you do not use.',
    ],
  },
  run({ accessAnalyzers }, ctx) {
    const { Regions, Unread, RegionSource, RegionListError } = accessAnalyzers;
    const checked = Regions.map((r) => r.Region);
    const scope =
      RegionSource === 'enabled-regions'
        ? `Enabled regions checked: ${checked.length + Unread.length}.`
        : `Regions checked: ${checked.join(', ') || 'none'} (the session region only).`;
    const accountWide = `arn:${ctx.partition}:access-analyzer::${ctx.accountId}:analyzer`;
    const findings: CheckOutcome[] = [];
    if (RegionSource === 'session-region') {
      // Without the region list, the other regions are unknown: an error naming the permission, never a pass.
      const why = RegionListError
        ? describeFailure(failureOf(RegionListError))
        : 'the snapshot does not list them';
      findings.push({
        status: 'error',
        resource: accountWide,
        message: `Cannot tell whether the other enabled regions have an analyzer: ${why}.`,
        details: { missingPermission: RegionListError?.Action ?? 'account:ListRegions' },
      });
    }
    for (const u of Unread) {
      findings.push({
        status: 'error',
        resource: `arn:${ctx.partition}:access-analyzer:${u.Region}:${ctx.accountId}:analyzer`,
        message: `${u.Region}: analyzers could not be listed: ${describeFailure(failureOf(u))}.`,
      });
    }
    if (Regions.length === 0 && findings.length === 0) {
      findings.push({
        status: 'error',
        resource: accountWide,
        message: 'No region was checked for Access Analyzer analyzers.',
      });
    }
    // One pass per covered region; the uncovered ones in a single finding (a fresh account would otherwise get
    // one failure per enabled region, the same fix each time).
    const missing: { region: string; why: string }[] = [];
    for (const r of Regions) {
      const external = r.Analyzers.filter((a) => EXTERNAL.has(a.type));
      const active = external.find((a) => a.status === 'ACTIVE');
      if (active) {
        findings.push({
          status: 'pass',
          resource: active.arn,
          message: `${r.Region}: external-access analyzer ${active.name} (${active.type}) is active. ${scope}`,
          details: { regionsChecked: checked },
        });
        continue;
      }
      const why =
        external.length > 0
          ? `its external-access analyzer(s) are ${external.map((a) => `${a.name} ${a.status}`).join(', ')}`
          : r.Analyzers.length > 0
            ? `only unused-access analyzers exist (${r.Analyzers.map((a) => a.name).join(', ')}), which do not report external access`
            : 'there is no analyzer';
      missing.push({ region: r.Region, why });
    }
    const [only] = missing;
    if (only && missing.length === 1) {
      findings.push({
        status: 'fail',
        resource: `arn:${ctx.partition}:access-analyzer:${only.region}:${ctx.accountId}:analyzer`,
        message: `${only.region}: ${only.why}. ${scope}`,
        details: { regionsChecked: checked, regionsWithout: [only.region] },
      });
    } else if (missing.length > 1) {
      const detail = missing.map((m) =>
        m.why === 'there is no analyzer' ? m.region : `${m.region} (${m.why})`,
      );
      findings.push({
        status: 'fail',
        resource: accountWide,
        message: `${missing.length === checked.length ? `None of the ${checked.length} regions checked has` : `${missing.length} of ${checked.length} regions checked lack`} an active external-access analyzer: ${detail.join(', ')}. ${scope}`,
        details: { regionsChecked: checked, regionsWithout: missing.map((m) => m.region) },
      });
    }
    return findings;
  },
});
