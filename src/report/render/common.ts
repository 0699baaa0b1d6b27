import { createHash } from 'node:crypto';
import { compareText } from '../../compare-text.js';
import type { Finding, Severity, Status } from '../../checks/types.js';
import { SEVERITY_ORDER, type Report, type ReportCheck } from '../model.js';

/** Where each check's documentation page is published (the same file as `docs/checks/<id>.md`). */
export const DOCS_BASE_URL = 'https://github.com/rampart-security/rampart/blob/main/docs/checks';
export const docsUrl = (checkId: string): string => `${DOCS_BASE_URL}/${encodeURIComponent(checkId)}.md`;

export const FRAMEWORK_NAMES = {
  cisV5: 'CIS AWS Foundations Benchmark v5.0.0',
  cisV6: 'CIS AWS Foundations Benchmark v6.0.0',
  securityHub: 'AWS Security Hub (AWS Foundational Security Best Practices)',
} as const;

/** Short labels for control ids, e.g. `CIS-v5 1.4`, `SecurityHub IAM.9`. */
export const FRAMEWORK_SHORT = { cisV5: 'CIS-v5', cisV6: 'CIS-v6', securityHub: 'SecurityHub' } as const;

export type Framework = keyof typeof FRAMEWORK_NAMES;
export const FRAMEWORKS = Object.keys(FRAMEWORK_NAMES) as Framework[];

/** Every control a check maps to, as `CIS-v5 1.4` style labels, in framework order. */
export function controlLabels(check: ReportCheck | undefined): string[] {
  if (!check) return [];
  return FRAMEWORKS.flatMap((fw) => (check.controls[fw] ?? []).map((id) => `${FRAMEWORK_SHORT[fw]} ${id}`));
}

/** Stable across runs: depends only on the check and the resource, never on messages or dates. */
export function findingFingerprint(checkId: string, resource: string): string {
  return createHash('sha256').update(`${checkId}\u0000${resource}`).digest('hex');
}

interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(value: string): ParsedArn | undefined {
  const m = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.+)$/s.exec(value);
  if (!m) return undefined;
  const [, partition = '', service = '', region = '', account = '', resource = ''] = m;
  return { partition, service, region, account, resource };
}

const segment = (s: string): string => {
  // Keep paths readable but safe as a relative URI: no empty, `.` or `..` segments, everything else encoded.
  const enc = encodeURIComponent(s).replace(/%40/g, '@');
  return enc === '' || enc === '.' || enc === '..' ? `_${enc}` : enc;
};

/**
 * A stable, repository-relative pseudo-path for a resource: `aws/<account>/<service>[/<region>]/<resource>`,
 * e.g. `aws/123456789012/iam/user/alice`. Code-scanning tools need a file-like location for every result.
 */
export function resourcePath(resource: string, accountId: string): string {
  const arn = parseArn(resource);
  const parts = arn
    ? [
        'aws',
        arn.account || accountId,
        arn.service || 'unknown',
        ...(arn.region ? [arn.region] : []),
        ...arn.resource.split(/[/:]/),
      ]
    : ['aws', accountId, 'other', ...resource.split('/')];
  return parts.map(segment).join('/');
}

/** `arn:aws:iam::123:user/alice` -> `user/alice`; anything else unchanged. */
export const shortResource = (resource: string): string => parseArn(resource)?.resource ?? resource;

/** A finding a reader acts on, and so the one that gets its check's fix: failed, error or manual. */
export const actionable = (f: Finding): boolean =>
  f.status === 'fail' || f.status === 'error' || f.status === 'manual';

/** Findings a reader must act on (fail, error, manual), not suppressed, worst severity first. */
export function openFindings(report: Report): Finding[] {
  return sortFindings(report.findings.filter((f) => !f.suppressed && actionable(f)));
}

/** Findings by check id, each check's in the order given. */
export function findingsByCheck(findings: readonly Finding[]): Map<string, Finding[]> {
  const byCheck = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  return byCheck;
}

const STATUS_ORDER: readonly Status[] = ['fail', 'error', 'manual', 'pass', 'not_applicable'];

/** Severity, then status, then check id, then resource: deterministic output for goldens and diffs. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      compareText(a.checkId, b.checkId) ||
      compareText(a.resource, b.resource),
  );
}

/** The harden command that runs a check's action (with the flag that opts into it, if it is opt-in). */
export function hardenCommandFor(remediation: { flag?: string | undefined }): string {
  return remediation.flag ? `rampart harden ${remediation.flag}` : 'rampart harden';
}

/** How to fix a check: the automatic action first (when there is one), then the manual steps. */
export function fixSteps(check: ReportCheck | undefined): string[] {
  if (!check) return [];
  const steps = [...check.remediation.manual];
  const { action } = check.remediation;
  if (action)
    steps.unshift(
      `Run \`${hardenCommandFor(check.remediation)}\` (action ${action}) to fix this automatically.`,
    );
  return steps;
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const STATUS_LABEL: Record<Status, string> = {
  pass: 'Pass',
  fail: 'Fail',
  error: 'Error',
  manual: 'Manual',
  not_applicable: 'Not applicable',
};

export function accountLabel(report: Report): string {
  return report.account.alias ? `${report.account.id} (${report.account.alias})` : report.account.id;
}

/**
 * When a snapshot was taken; an import's time is when the export files were read (the exports carry no time of
 * their own).
 */
export function snapshotLabel(source: string, generatedAt: string): string {
  return source === 'import'
    ? `imported from AWS CLI exports at ${generatedAt}`
    : `snapshot taken ${generatedAt}`;
}

export function sourceLabel(report: Report): string {
  switch (report.source) {
    case 'example':
      return 'EXAMPLE ACCOUNT (bundled sample data, not your AWS account)';
    case 'snapshot':
      return snapshotLabel(report.snapshot.source, report.snapshot.generatedAt);
    case 'live':
      return `live audit at ${report.generatedAt}`;
  }
}
