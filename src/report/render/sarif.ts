import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../../checks/types.js';
import type { Report, ReportCheck } from '../model.js';
import {
  controlLabels,
  docsUrl,
  findingFingerprint,
  fixSteps,
  resourcePath,
  sortFindings,
} from './common.js';
import { adminPathTexts } from './extras.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub code scanning reads `security-severity` (0-10) to rank security alerts. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

const LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'warning',
  info: 'note',
};

/** The key under which results carry Rampart's own fingerprint (checkId + resource, nothing else). */
export const FINGERPRINT_KEY = 'rampartFinding/v1';

function rule(check: ReportCheck): ReportingDescriptor {
  const steps = fixSteps(check);
  return {
    id: check.id,
    name: check.id
      .split('-')
      .map((w) => (w ? (w[0] ?? '').toUpperCase() + w.slice(1) : w))
      .join(''),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale },
    helpUri: docsUrl(check.id),
    help: {
      text:
        steps.length > 0 ? `How to fix:\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}` : check.title,
      markdown: [
        `**${check.title}**`,
        '',
        check.rationale,
        '',
        ...(steps.length > 0 ? ['How to fix:', '', ...steps.map((s, i) => `${i + 1}. ${s}`), ''] : []),
        `[Documentation](${docsUrl(check.id)})`,
      ].join('\n'),
    },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      tags: ['security', 'aws', check.area, ...controlLabels(check)],
      precision: 'very-high',
      'security-severity': SECURITY_SEVERITY[check.severity],
    },
  };
}

function result(f: Finding, ruleIndex: number, report: Report): Result {
  const fingerprint = findingFingerprint(f.checkId, f.resource);
  return {
    ruleId: f.checkId,
    ruleIndex,
    kind: 'fail',
    // An `error` finding means "could not evaluate": kept visible (an incomplete audit must not look clean),
    // but as a note, whatever the check's severity; the message says what was missing.
    level: f.status === 'error' ? 'note' : LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: resourcePath(f.resource, report.account.id) },
          region: { startLine: 1 },
        },
        logicalLocations: [{ fullyQualifiedName: f.resource, kind: 'resource' }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint, primaryLocationLineHash: fingerprint },
    properties: { status: f.status, severity: f.severity, area: f.area, resource: f.resource },
  };
}

/**
 * GitHub code scanning rejects a run with more results than this (its documented hard limit); a large
 * account's audit can have more (one per user and check). The most severe are kept and the rest counted.
 */
export const SARIF_MAX_RESULTS = 25_000;

/** SARIF 2.1.0 for GitHub code scanning: failures and errors as results, one rule per check behind them. */
export function toSarif(report: Report): Log {
  const all = sortFindings(report.findings).filter(
    (f) => !f.suppressed && (f.status === 'fail' || f.status === 'error'),
  );
  // Sorted most severe first: the cut keeps what matters most.
  const reported = all.slice(0, SARIF_MAX_RESULTS);
  const omitted = all.length - reported.length;
  const ruleIds = [...new Set(reported.map((f) => f.checkId))].sort();
  const rules = ruleIds.map((id) => {
    const check = report.checks[id];
    const finding = reported.find((f) => f.checkId === id);
    return rule(
      check ?? {
        id,
        title: finding?.title ?? id,
        area: finding?.area ?? 'account',
        severity: finding?.severity ?? 'medium',
        rationale: finding?.title ?? id,
        controls: {},
        remediation: { manual: [] },
      },
    );
  });
  const errors = all.filter((f) => f.status === 'error');
  const notifications = errors.map((f) => ({
    level: 'warning' as const,
    message: { text: `${f.checkId}: ${f.message}` },
    descriptor: { id: f.checkId },
  }));
  // What the checks could not see or judge (SCPs not read, a policy missing from the export): tool notifications.
  for (const w of report.warnings ?? [])
    notifications.push({ level: 'warning', message: { text: w }, descriptor: { id: 'rampart-warning' } });
  if (omitted > 0) {
    notifications.push({
      level: 'warning',
      message: {
        text:
          `${omitted} less severe results left out: GitHub code scanning rejects a run with more than ` +
          `${SARIF_MAX_RESULTS} results. The JSON, CSV and HTML reports hold every finding.`,
      },
      descriptor: { id: 'rampart-results-limit' },
    });
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Rampart',
            semanticVersion: report.tool.version,
            version: report.tool.version,
            informationUri: 'https://github.com/rampart-security/rampart',
            rules,
          },
        },
        // One category per account, so audits of several accounts in one repository do not replace each other.
        automationDetails: { id: `rampart/aws/${report.account.id}/` },
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            endTimeUtc: report.generatedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        results: reported.map((f) => result(f, ruleIds.indexOf(f.checkId), report)),
        properties: {
          account: report.account.id,
          source: report.source,
          summary: report.summary,
          ...(omitted > 0 ? { omittedResults: omitted } : {}),
          // The admins list (results of iam-admins-inventory name each admin; this says how, for all of them).
          ...(report.admins
            ? {
                admins: report.admins.map((a) => ({
                  principal: a.principal,
                  type: a.type,
                  tier: a.tier,
                  access: a.access,
                  ...(a.conditions.length > 0 ? { conditions: a.conditions } : {}),
                  mfa: a.mfa,
                  paths: adminPathTexts(a),
                })),
              }
            : {}),
        },
      },
    ],
  };
}

export const renderSarif = (report: Report): string => `${JSON.stringify(toSarif(report), null, 2)}\n`;
