import type { Finding, Severity, Status } from '../../checks/types.js';
import type { Report, ReportAdmin, ReportCheck } from '../model.js';
import {
  FRAMEWORK_NAMES,
  FRAMEWORKS,
  docsUrl,
  findingFingerprint,
  fixSteps,
  parseArn,
  shortResource,
} from './common.js';
import { adminOfFinding, adminPathTexts } from './extras.js';

// OCSF Compliance Finding, verified field by field against the ocsf/ocsf-schema sources
// (events/findings/compliance_finding.json, finding.json, objects/compliance.json, finding_info.json,
// cloud.json, account.json, metadata.json, product.json, resource_details.json, remediation.json).
// 1.3.0 is the version that moved `resource` to `resources`, which is what we emit.
export const OCSF_VERSION = '1.3.0';
const CLASS_UID = 2003;
const CATEGORY_UID = 2;
const ACTIVITY_CREATE = 1;

/** base_event.severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
export const OCSF_SEVERITY: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/**
 * compliance.status_id: 1 Pass, 2 Warning ("did not yield a result due to missing information"), 3 Fail;
 * 0 Unknown and 99 Other are the schema's common values. Manual checks need a person; not-applicable ones
 * had nothing to evaluate: both are "Other" with our own label.
 */
export const OCSF_COMPLIANCE_STATUS: Record<Status, { id: number; name: string }> = {
  pass: { id: 1, name: 'Pass' },
  error: { id: 2, name: 'Warning' },
  fail: { id: 3, name: 'Fail' },
  manual: { id: 99, name: 'Manual' },
  not_applicable: { id: 99, name: 'Not Applicable' },
};

export interface OcsfComplianceFinding {
  class_uid: 2003;
  class_name: 'Compliance Finding';
  category_uid: 2;
  category_name: 'Findings';
  activity_id: 1;
  activity_name: 'Create';
  type_uid: 200301;
  type_name: 'Compliance Finding: Create';
  severity_id: number;
  severity: string;
  /** Finding lifecycle: 1 New, 3 Suppressed. */
  status_id: 1 | 3;
  status: 'New' | 'Suppressed';
  status_detail?: string;
  time: number;
  time_dt: string;
  message: string;
  metadata: {
    version: string;
    product: { name: string; vendor_name: string; version: string; uid: string };
    profiles: string[];
    log_name: string;
  };
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    types: string[];
    src_url: string;
    created_time: number;
  };
  compliance: {
    control: string;
    requirements: string[];
    standards: string[];
    status_id: number;
    status: string;
    status_code: string;
    status_detail: string;
  };
  cloud: {
    provider: 'AWS';
    account: { uid: string; type_id: 10; type: 'AWS Account'; name?: string };
    region?: string;
  };
  resources: {
    uid: string;
    name: string;
    type: string;
    cloud_partition: string;
    region?: string;
    data?: Record<string, unknown>;
  }[];
  remediation: { desc: string; references: string[] };
  unmapped?: Record<string, unknown>;
}

/** The metadata every event of a report carries: the OCSF version and who produced it. */
function metadataOf(report: Report): OcsfComplianceFinding['metadata'] {
  return {
    version: OCSF_VERSION,
    product: {
      name: 'Rampart',
      vendor_name: 'Rampart',
      version: report.tool.version,
      uid: report.tool.name,
    },
    profiles: ['cloud'],
    log_name: 'rampart-audit',
  };
}

const capitalize = (s: string): string => (s[0] ?? '').toUpperCase() + s.slice(1);

function resourceOf(f: Finding, report: Report): OcsfComplianceFinding['resources'][number] {
  const arn = parseArn(f.resource);
  const kind = arn?.resource.split(/[/:]/)[0];
  return {
    uid: f.resource,
    name: shortResource(f.resource),
    type: arn
      ? `AWS::${arn.service.toUpperCase()}::${kind && kind !== arn.resource ? capitalize(kind) : 'Resource'}`
      : 'Other',
    cloud_partition: arn?.partition.length ? arn.partition : report.account.partition,
    ...(arn?.region ? { region: arn.region } : {}),
    ...(f.details ? { data: f.details } : {}),
  };
}

function complianceOf(f: Finding, check: ReportCheck | undefined): OcsfComplianceFinding['compliance'] {
  const controls = check?.controls ?? {};
  const used = FRAMEWORKS.filter((fw) => (controls[fw] ?? []).length > 0);
  const requirements = used.flatMap((fw) => (controls[fw] ?? []).map((id) => `${FRAMEWORK_NAMES[fw]} ${id}`));
  const status = OCSF_COMPLIANCE_STATUS[f.status];
  return {
    // The control is Rampart's check; the framework controls it implements are the requirements.
    control: f.checkId,
    requirements,
    standards: used.length > 0 ? used.map((fw) => FRAMEWORK_NAMES[fw]) : ['Rampart AWS account baseline'],
    status_id: status.id,
    status: status.name,
    status_code: f.status.toUpperCase(),
    status_detail: f.message,
  };
}

export function toOcsf(report: Report): OcsfComplianceFinding[] {
  const time = Date.parse(report.generatedAt);
  return report.findings.map((f) => {
    const check = report.checks[f.checkId];
    const severity = OCSF_SEVERITY[f.severity];
    const arn = parseArn(f.resource);
    const steps = fixSteps(check);
    const admin = adminOfFinding(report, f);
    return {
      class_uid: CLASS_UID,
      class_name: 'Compliance Finding',
      category_uid: CATEGORY_UID,
      category_name: 'Findings',
      activity_id: ACTIVITY_CREATE,
      activity_name: 'Create',
      type_uid: 200301,
      type_name: 'Compliance Finding: Create',
      severity_id: severity.id,
      severity: severity.name,
      status_id: f.suppressed ? 3 : 1,
      status: f.suppressed ? 'Suppressed' : 'New',
      ...(f.suppressed ? { status_detail: f.suppressed.reason } : {}),
      time,
      time_dt: report.generatedAt,
      message: f.message,
      metadata: metadataOf(report),
      finding_info: {
        uid: `rampart:${report.account.id}:${findingFingerprint(f.checkId, f.resource)}`,
        title: f.title,
        desc: check?.rationale ?? f.title,
        types: [f.area],
        src_url: docsUrl(f.checkId),
        created_time: time,
      },
      compliance: complianceOf(f, check),
      cloud: {
        provider: 'AWS',
        account: {
          uid: report.account.id,
          type_id: 10,
          type: 'AWS Account',
          ...(report.account.alias ? { name: report.account.alias } : {}),
        },
        ...(arn?.region ? { region: arn.region } : {}),
      },
      resources: [resourceOf(f, report)],
      remediation: { desc: steps.join('\n') || f.title, references: [docsUrl(f.checkId)] },
      ...(f.suppressed || admin
        ? {
            unmapped: {
              ...(f.suppressed ? { suppression: { ...f.suppressed } } : {}),
              // The admins list travels on the inventory / escalation finding of each admin.
              ...(admin ? { admin: adminUnmapped(admin) } : {}),
            },
          }
        : {}),
    };
  });
}

function adminUnmapped(a: ReportAdmin): Record<string, unknown> {
  return {
    tier: a.tier,
    access: a.access,
    ...(a.conditions.length > 0 ? { conditions: a.conditions } : {}),
    mfa: a.mfa,
    last_used: a.lastUsed,
    paths: adminPathTexts(a),
  };
}

export interface OcsfScanActivity {
  class_uid: 6007;
  class_name: 'Scan Activity';
  category_uid: 6;
  category_name: 'Application Activity';
  activity_id: 2;
  activity_name: 'Completed';
  type_uid: 600702;
  type_name: 'Scan Activity: Completed';
  severity_id: 1;
  severity: 'Informational';
  /** Event status: 99 Other, named by `status` (the schema has Success and Failure; this run is neither). */
  status_id: 99;
  status: 'Incomplete';
  status_detail: string;
  time: number;
  time_dt: string;
  message: string;
  metadata: OcsfComplianceFinding['metadata'];
  scan: { type_id: 0; type: 'Unknown'; name: string; uid: string };
  total: number;
  num_detections: number;
  cloud: Pick<OcsfComplianceFinding['cloud'], 'provider' | 'account'>;
  unmapped: { warnings: string[] };
}

/**
 * What the audit could not see or judge (the report's warnings), in OCSF. A Compliance Finding speaks of one
 * control, and its status "Warning" is already taken by the checks that could not be evaluated; the report's
 * warnings are about the run as a whole. OCSF's event for a scan job is Scan Activity (class 6007): activity
 * Completed, with the event status Other, named "Incomplete", and each warning in `status_detail` (the schema's
 * "additional information about the event outcome"). The list itself has no OCSF attribute, so it is also in
 * `unmapped.warnings`, the schema's place for source data it does not map. Only when there are warnings: a clean
 * audit stays Compliance Findings alone.
 */
export function ocsfScanActivity(report: Report): OcsfScanActivity | undefined {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return undefined;
  const time = Date.parse(report.generatedAt);
  const account = report.account.id;
  const active = report.findings.filter((f) => !f.suppressed);
  return {
    class_uid: 6007,
    class_name: 'Scan Activity',
    category_uid: 6,
    category_name: 'Application Activity',
    activity_id: 2,
    activity_name: 'Completed',
    type_uid: 600702,
    type_name: 'Scan Activity: Completed',
    severity_id: 1,
    severity: 'Informational',
    status_id: 99,
    status: 'Incomplete',
    status_detail: warnings.join('\n'),
    time,
    time_dt: report.generatedAt,
    message: `Rampart audit of AWS account ${account}: ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'} on what the checks could not see or judge`,
    metadata: metadataOf(report),
    scan: {
      type_id: 0,
      type: 'Unknown',
      name: 'Rampart audit',
      uid: `rampart:${account}:${report.generatedAt}`,
    },
    total: report.findings.length,
    num_detections: active.filter((f) => f.status === 'fail').length,
    cloud: {
      provider: 'AWS',
      account: {
        uid: account,
        type_id: 10,
        type: 'AWS Account',
        ...(report.account.alias ? { name: report.account.alias } : {}),
      },
    },
    unmapped: { warnings: [...warnings] },
  };
}

/**
 * JSON Lines: one Compliance Finding per line, every finding (passes included), in report order; then, when the
 * report has warnings, one Scan Activity saying the audit is incomplete and why.
 */
export function renderOcsf(report: Report): string {
  const scan = ocsfScanActivity(report);
  return [...toOcsf(report), ...(scan ? [scan] : [])].map((e) => `${JSON.stringify(e)}\n`).join('');
}
