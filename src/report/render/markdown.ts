import type { Status } from '../../checks/types.js';
import { SEVERITY_ORDER, type Report } from '../model.js';
import {
  SEVERITY_LABEL,
  STATUS_LABEL,
  accountLabel,
  docsUrl,
  fixSteps,
  openFindings,
  shortResource,
  sortFindings,
  sourceLabel,
} from './common.js';
import { extraTables } from './extras.js';

const ICON: Record<Status, string> = {
  pass: '✅',
  fail: '❌',
  error: '❔',
  manual: '❔',
  not_applicable: '❔',
};

/**
 * Text from the account as inert Markdown: HTML is entity-escaped, Markdown syntax (links, emphasis, code,
 * table pipes, @mentions and #references that would ping people on GitHub) is backslash-escaped, and line
 * breaks are flattened so a value cannot start a new block.
 */
export function mdText(value: string): string {
  return value
    .replace(/[\\`*_[\]|~#@]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, ' ');
}

/** A table cell: like mdText; our own line breaks become `<br>`. */
const cell = (lines: readonly string[]): string => lines.map(mdText).join('<br>');

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${columns.map(mdText).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** Markdown for a pull request or a ticket. */
export function renderMarkdown(report: Report): string {
  const out: string[] = [`# Rampart audit: AWS account ${mdText(accountLabel(report))}`, ''];
  if (report.source === 'example') out.push(`> [!WARNING]`, `> **${mdText(sourceLabel(report))}**`, '');
  else out.push(`Source: ${mdText(sourceLabel(report))}`, '');
  out.push(
    `Generated ${mdText(report.generatedAt)} by ${mdText(report.tool.name)} ${mdText(report.tool.version)}.`,
  );
  const cr = report.snapshot.credentialReport;
  if (cr)
    out.push(
      `Credential report generated ${mdText(cr.generatedAt)} (${cr.ageMinutes} min before the snapshot); AWS reuses a report for up to 4 hours.`,
    );

  const warnings = report.warnings ?? [];
  if (warnings.length > 0) {
    out.push('', '## Warnings', '', 'What the audit could not see or judge:', '');
    for (const w of warnings) out.push(`- ⚠️ ${mdText(w)}`);
  }

  out.push('', '## Security Status (IAM dashboard)', '');
  for (const item of report.securityStatus) {
    const note = item.status === 'pass' ? '' : ` — ${STATUS_LABEL[item.status]}: ${mdText(item.message)}`;
    out.push(`- ${ICON[item.status]} ${mdText(item.title)}${note}`);
  }

  const s = report.summary;
  out.push(
    '',
    '## Summary',
    '',
    `**${s.fail} failed**, ${s.pass} passed, ${s.error} could not be evaluated, ${s.manual} need a manual review, ${s.not_applicable} not applicable` +
      (s.suppressed > 0 ? `, ${s.suppressed} suppressed` : '') +
      '.',
  );

  const open = openFindings(report);
  out.push('', '## Open findings', '');
  if (open.length === 0) out.push('No findings need attention.');
  for (const severity of SEVERITY_ORDER) {
    const group = open.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`### ${SEVERITY_LABEL[severity]} (${group.length})`, '');
    out.push(
      ...table(
        ['Status', 'Check', 'Resource', 'Finding', 'How to fix'],
        group.map((f, i) => {
          const steps = f.status === 'error' ? [] : fixSteps(report.checks[f.checkId]);
          // The same steps as the row above (a check failing on many users): said once, not repeated.
          const prev = group[i - 1];
          const same = steps.length > 0 && prev?.checkId === f.checkId && prev.status === f.status;
          return [
            `${ICON[f.status]} ${STATUS_LABEL[f.status]}`,
            `[${mdText(f.checkId)}](${docsUrl(f.checkId)})`,
            mdText(shortResource(f.resource)),
            cell([f.message]),
            same ? 'as above' : cell(steps.map((step, n) => `${n + 1}. ${step}`)),
          ];
        }),
      ),
      '',
    );
  }

  const passes = sortFindings(report.findings.filter((f) => f.status === 'pass' && !f.suppressed));
  if (passes.length > 0) {
    out.push(`<details><summary>Passed (${passes.length})</summary>`, '');
    for (const f of passes)
      out.push(`- ✅ ${mdText(f.checkId)} · ${mdText(shortResource(f.resource))}: ${mdText(f.message)}`);
    out.push('', '</details>', '');
  }

  const suppressed = sortFindings(report.findings.filter((f) => f.suppressed));
  if (suppressed.length > 0) {
    out.push(`<details><summary>Suppressed (${suppressed.length})</summary>`, '');
    out.push(
      ...table(
        ['Check', 'Resource', 'Status', 'Reason', 'Owner', 'Expires'],
        suppressed.map((f) => [
          mdText(f.checkId),
          mdText(shortResource(f.resource)),
          STATUS_LABEL[f.status],
          mdText(f.suppressed?.reason ?? ''),
          mdText(f.suppressed?.owner ?? ''),
          mdText(f.suppressed?.expires ?? ''),
        ]),
      ),
      '',
      '</details>',
      '',
    );
  }

  for (const t of extraTables(report)) {
    out.push(
      `## ${mdText(t.title)}`,
      '',
      ...table(
        t.columns,
        t.rows.map((r) => r.map((v) => mdText(v))),
      ),
      '',
    );
  }
  while (out.at(-1) === '') out.pop();
  return `${out.join('\n')}\n`;
}
