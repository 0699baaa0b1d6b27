import type { FC } from 'hono/jsx';
import { SEVERITIES, STATUSES, type Finding, type Status } from '../../../checks/types.js';
import type { Report, SecurityStatusItem } from '../../model.js';
import {
  SEVERITY_LABEL,
  STATUS_LABEL,
  accountLabel,
  controlLabels,
  docsUrl,
  fixSteps,
  sortFindings,
  sourceLabel,
} from '../common.js';
import { extraTables, type TextTable } from '../extras.js';
import { CONTENT_SECURITY_POLICY, CSS, SCRIPT } from './assets.js';

// Every string from the report is attacker-influenced (user names, tags, policy text, trail names). It only
// ever reaches the page as a JSX text child or attribute, which hono escapes; the only raw HTML is the page's
// own constant CSS and script (assets.ts).

const DEFAULT_STATUSES: readonly Status[] = ['fail', 'error', 'manual'];

const StatusIcon: FC<{ status: Status }> = ({ status }) => {
  const [cls, symbol, label] =
    status === 'pass'
      ? ['pass', '✓', 'Passed']
      : status === 'fail'
        ? ['fail', '✗', 'Failed']
        : ['other', '?', STATUS_LABEL[status]];
  return (
    <span class={`icon ${cls}`} role="img" aria-label={label} title={label}>
      {symbol}
    </span>
  );
};

const Header: FC<{ report: Report }> = ({ report }) => {
  const cr = report.snapshot.credentialReport;
  return (
    <header>
      <h1>Rampart audit: AWS account {accountLabel(report)}</h1>
      {report.source === 'example' ? (
        <p class="example" id="source">
          {sourceLabel(report)}
        </p>
      ) : (
        <p class="meta" id="source">
          Source: {sourceLabel(report)}
        </p>
      )}
      <p class="meta">
        Generated {report.generatedAt} by {report.tool.name} {report.tool.version}
        {report.account.callerArn ? ` · audited as ${report.account.callerArn}` : ''}
      </p>
      {cr ? (
        <p class="meta">
          Credential report generated {cr.generatedAt} ({cr.ageMinutes} min before the snapshot); AWS reuses a
          report for up to 4 hours, so recent fixes may not show yet.
        </p>
      ) : null}
    </header>
  );
};

const Panel: FC<{ items: readonly SecurityStatusItem[] }> = ({ items }) => (
  <section id="security-status" aria-labelledby="security-status-title">
    <h2 id="security-status-title">Security Status (IAM dashboard)</h2>
    <ul class="panel">
      {items.map((item) => (
        <li data-check={item.id} data-status={item.status}>
          <StatusIcon status={item.status} />
          <div>
            <div>{item.title}</div>
            {item.status === 'pass' ? null : <div class="msg">{item.message}</div>}
          </div>
        </li>
      ))}
    </ul>
  </section>
);

const Summary: FC<{ report: Report }> = ({ report }) => {
  const s = report.summary;
  const items: [string, number, string][] = [
    ['fail', s.fail, 'failed'],
    ['pass', s.pass, 'passed'],
    ['error', s.error, 'could not be evaluated'],
    ['manual', s.manual, 'need a manual review'],
    ['not_applicable', s.not_applicable, 'not applicable'],
    ['suppressed', s.suppressed, 'suppressed'],
  ];
  return (
    <section id="summary">
      <h2>Summary</h2>
      <ul class="summary">
        {items.map(([key, n, label]) => (
          <li data-summary={key}>
            <b>{n}</b>
            {label}
          </li>
        ))}
      </ul>
    </section>
  );
};

const Filters: FC<{ areas: readonly string[] }> = ({ areas }) => (
  <form id="filters" class="filters" aria-label="Filter findings">
    <fieldset>
      <legend>Severity</legend>
      {SEVERITIES.map((s) => (
        <label>
          <input type="checkbox" name="severity" value={s} checked /> {SEVERITY_LABEL[s]}
        </label>
      ))}
    </fieldset>
    <fieldset>
      <legend>Status</legend>
      {STATUSES.map((s) => (
        <label>
          <input type="checkbox" name="status" value={s} checked={DEFAULT_STATUSES.includes(s)} />{' '}
          {STATUS_LABEL[s]}
        </label>
      ))}
    </fieldset>
    <fieldset>
      <legend>
        <label for="area-filter">Area</label>
      </legend>
      <select name="area" id="area-filter">
        <option value="">All areas</option>
        {areas.map((a) => (
          <option value={a}>{a}</option>
        ))}
      </select>
    </fieldset>
  </form>
);

const FindingCard: FC<{ finding: Finding; report: Report }> = ({ finding: f, report }) => {
  const check = report.checks[f.checkId];
  const steps = fixSteps(check);
  const controls = controlLabels(check);
  return (
    <article
      class="finding"
      data-finding=""
      data-check={f.checkId}
      data-severity={f.severity}
      data-status={f.status}
      data-area={f.area}
    >
      <h3>
        <span class={`badge sev-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span>
        <span class="badge">{STATUS_LABEL[f.status]}</span>
        {f.title}
      </h3>
      <p>
        <code>{f.checkId}</code> · area {f.area} · resource <code class="resource">{f.resource}</code>
      </p>
      <p class="message">{f.message}</p>
      {f.suppressed ? (
        <p class="suppressed">
          Suppressed: {f.suppressed.reason}
          {f.suppressed.owner ? ` (owner ${f.suppressed.owner})` : ''}
          {f.suppressed.expires ? `, until ${f.suppressed.expires}` : ''}
        </p>
      ) : null}
      {steps.length > 0 && f.status !== 'pass' && f.status !== 'not_applicable' ? (
        <details class="fix" open={f.status === 'fail'}>
          <summary>How to fix</summary>
          <ol>
            {steps.map((s) => (
              <li>{s}</li>
            ))}
          </ol>
        </details>
      ) : null}
      {check ? <p class="rationale">Why it matters: {check.rationale}</p> : null}
      {controls.length > 0 ? <p class="controls">Controls: {controls.join(', ')}</p> : null}
      {f.details ? (
        <details class="evidence">
          <summary>Evidence</summary>
          <pre>{JSON.stringify(f.details, null, 2)}</pre>
        </details>
      ) : null}
      <p class="controls">
        Documentation: <a href={docsUrl(f.checkId)}>{docsUrl(f.checkId)}</a>
      </p>
    </article>
  );
};

const ExtraTable: FC<{ table: TextTable }> = ({ table }) => {
  const id = table.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <section id={id}>
      <h2>{table.title}</h2>
      <table>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              {row.map((v) => (
                <td>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};

export const ReportPage: FC<{ report: Report }> = ({ report }) => {
  const findings = sortFindings(report.findings);
  const areas = [...new Set(findings.map((f) => f.area))].sort();
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={CONTENT_SECURITY_POLICY} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`Rampart audit · ${accountLabel(report)}`}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <Header report={report} />
        <Panel items={report.securityStatus} />
        <Summary report={report} />
        <section id="findings">
          <h2>Findings</h2>
          <Filters areas={areas} />
          <p class="count" id="shown-count" aria-live="polite">
            {findings.length} findings
          </p>
          {findings.length === 0 ? <p>No checks ran.</p> : null}
          {findings.map((f) => (
            <FindingCard finding={f} report={report} />
          ))}
        </section>
        {extraTables(report).map((t) => (
          <ExtraTable table={t} />
        ))}
        <footer>
          Rampart {report.tool.version} · report schema {report.schemaVersion} · this file is self-contained
          and makes no network requests.
        </footer>
        <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />
      </body>
    </html>
  );
};
