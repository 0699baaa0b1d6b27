import type { FC } from 'hono/jsx';
import { SEVERITIES, STATUSES, type Finding, type Status } from '../../../checks/types.js';
import type { Report, SecurityStatusItem } from '../../model.js';
import {
  SEVERITY_LABEL,
  actionable,
  findingsByCheck,
  STATUS_LABEL,
  accountLabel,
  controlLabels,
  docsUrl,
  fixSteps,
  parseArn,
  sortFindings,
  sourceLabel,
} from '../common.js';
import { extraTables, plainText, type TextTable } from '../extras.js';
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

/** What the checks could not see or judge, before the results it qualifies. */
const Warnings: FC<{ warnings: readonly string[] }> = ({ warnings }) =>
  warnings.length > 0 ? (
    <section id="warnings" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Warnings</h2>
      <p>What the audit could not see or judge:</p>
      <ul class="warnings">
        {warnings.map((w) => (
          <li>{w}</li>
        ))}
      </ul>
    </section>
  ) : null;

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

/** What the filter script reads of every finding, card or table row (assets.ts SCRIPT). */
const filterAttributes = (f: Finding) => ({
  'data-finding': '',
  'data-check': f.checkId,
  'data-severity': f.severity,
  'data-status': f.status,
  'data-area': f.area,
});

/** A check's id, linked to its entry in "About the checks" when the report describes the check. */
const CheckLink: FC<{ id: string; report: Report }> = ({ id, report }) =>
  report.checks[id] ? (
    <a href={`#check-${id}`}>
      <code>{id}</code>
    </a>
  ) : (
    <code>{id}</code>
  );

/**
 * One finding: what was found and where. The check's explanation (why, controls, documentation) is written
 * once, in "About the checks", and its id links there; the fix is shown with the first finding of its check that needs
 * one (a large account repeats a check thousands of times, and the same text with it made reports of 100 MB).
 */
const FindingCard: FC<{ finding: Finding; report: Report; showFix: boolean }> = ({
  finding: f,
  report,
  showFix,
}) => {
  const check = report.checks[f.checkId];
  const steps = showFix ? fixSteps(check) : [];
  return (
    <article class="finding" {...filterAttributes(f)}>
      <h3>
        <span class={`badge sev-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span>
        <span class="badge">{STATUS_LABEL[f.status]}</span>
        {f.title}
      </h3>
      <p>
        <CheckLink id={f.checkId} report={report} /> · area {f.area} · resource{' '}
        <code class="resource">{f.resource}</code>
      </p>
      <p class="message">{f.message}</p>
      <Suppressed finding={f} />
      <Fix steps={steps} open={f.status === 'fail'} />
      <Evidence finding={f} />
    </article>
  );
};

/** A check with more findings than this is one table (a row per finding) instead of a card per finding. */
export const GROUP_ABOVE = 10;
/** Rows per table of a group: the browser lays out a table whole, and an off-screen chunk not at all. */
export const ROWS_PER_CHUNK = 200;

const Evidence: FC<{ finding: Finding }> = ({ finding: f }) =>
  f.details ? (
    <details class="evidence">
      <summary>Evidence</summary>
      <pre>{JSON.stringify(f.details, null, 2)}</pre>
    </details>
  ) : null;

const Suppressed: FC<{ finding: Finding }> = ({ finding: f }) =>
  f.suppressed ? (
    <p class="suppressed">
      Suppressed: {f.suppressed.reason}
      {f.suppressed.owner ? ` (owner ${f.suppressed.owner})` : ''}
      {f.suppressed.expires ? `, until ${f.suppressed.expires}` : ''}
    </p>
  ) : null;

const Steps: FC<{ steps: readonly string[] }> = ({ steps }) => (
  <ol>
    {steps.map((s) => (
      <li>{s}</li>
    ))}
  </ol>
);

const Fix: FC<{ steps: readonly string[]; open: boolean }> = ({ steps, open }) =>
  steps.length > 0 ? (
    <details class="fix" open={open}>
      <summary>How to fix</summary>
      <Steps steps={steps} />
    </details>
  ) : null;

const GroupColumns: FC = () => (
  <colgroup>
    <col class="c-resource" />
    <col class="c-message" />
  </colgroup>
);

/** The findings of a group that share severity and status, in report order: one [data-finding] element. */
interface Part {
  severity: Finding['severity'];
  status: Status;
  findings: Finding[];
}

function partsOf(findings: readonly Finding[]): Part[] {
  const parts: Part[] = [];
  for (const f of findings) {
    const last = parts.at(-1);
    if (last?.severity === f.severity && last.status === f.status) last.findings.push(f);
    else parts.push({ severity: f.severity, status: f.status, findings: [f] });
  }
  return parts;
}

/**
 * The ARN prefix every resource of a part shares (`arn:aws:iam::123456789012:`), shown muted on every row so
 * the eye finds the part that differs; '' when they do not share one. Each row keeps the whole ARN: a reader
 * searches the page for one.
 */
export function sharedArnPrefix(resources: readonly string[]): string {
  const prefixes = new Set(
    resources.map((r) => {
      const arn = parseArn(r);
      return arn ? `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:` : '';
    }),
  );
  const [prefix] = prefixes;
  return prefixes.size === 1 && prefix !== undefined ? prefix : '';
}

/** Shorter tails are not worth a note. */
const MIN_SHARED_TAIL = 40;

/**
 * The closing parenthetical every message of a part ends with (a per-user check's note on the credential
 * report's age, say), written once above the rows instead of on every row; '' when there is none.
 */
export function sharedMessageTail(messages: readonly string[]): string {
  const [first] = messages;
  if (first === undefined || messages.length < 2) return '';
  let length = first.length;
  for (const m of messages) {
    let n = 0;
    while (n < length && n < m.length && m[m.length - 1 - n] === first[first.length - 1 - n]) n++;
    length = n;
  }
  // From the first ' (' inside the shared end, so the tail is whole words and every row keeps some text.
  const start = first.indexOf(' (', first.length - length);
  if (start <= 0) return '';
  const tail = first.slice(start);
  return tail.length >= MIN_SHARED_TAIL && messages.every((m) => m.length > tail.length) ? tail : '';
}

/**
 * The findings of one severity and status in a check's group: the badges and the shared message tail once,
 * then a row of resource and message per finding. It is one [data-finding] element standing for
 * data-count findings, so the filters show or hide it whole.
 */
const GroupPart: FC<{ id: string; area: string; part: Part }> = ({ id, area, part }) => {
  const { findings } = part;
  const prefix = sharedArnPrefix(findings.map((f) => f.resource));
  const tail = sharedMessageTail(findings.map((f) => f.message));
  const chunks: Finding[][] = [];
  for (let i = 0; i < findings.length; i += ROWS_PER_CHUNK)
    chunks.push(findings.slice(i, i + ROWS_PER_CHUNK));
  return (
    <div
      class="part"
      data-finding=""
      data-count={findings.length}
      data-check={id}
      data-severity={part.severity}
      data-status={part.status}
      data-area={area}
    >
      <h4>
        <span class={`badge sev-${part.severity}`}>{SEVERITY_LABEL[part.severity]}</span>
        <span class={`badge st-${part.status}`}>{STATUS_LABEL[part.status]}</span>
        {findings.length === 1 ? '1 finding' : `${findings.length} findings`}
      </h4>
      {tail ? <p class="tail">Every message below ends: {tail.trim()}</p> : null}
      <table class="rows-head">
        <GroupColumns />
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Finding</th>
          </tr>
        </thead>
      </table>
      {chunks.map((chunk) => (
        // A full chunk is skipped by layout while off screen (CSS .rows.full); its height is estimated.
        <div class={chunk.length === ROWS_PER_CHUNK ? 'rows full' : 'rows'}>
          <table>
            <GroupColumns />
            <tbody>
              {chunk.map((f) => (
                <tr>
                  <td>
                    {prefix ? <i>{prefix}</i> : null}
                    {f.resource.slice(prefix.length)}
                  </td>
                  <td>
                    {tail ? f.message.slice(0, -tail.length) : f.message}
                    <Suppressed finding={f} />
                    {f.details ? <div class="ev">Evidence: {plainText(f.details)}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
};

/**
 * Every finding of a check with many of them (a check per user of a large account): the title, link and
 * fix once, then a part per severity and status, each a table with a row per finding.
 */
const CheckGroup: FC<{ id: string; findings: readonly Finding[]; report: Report }> = ({
  id,
  findings,
  report,
}) => {
  const check = report.checks[id];
  const first = findings[0];
  if (!first) return null;
  const needsFix = findings.some(actionable);
  const failing = findings.some((f) => f.status === 'fail');
  return (
    <section
      class={failing ? 'group has-fail' : 'group'}
      data-group=""
      data-check={id}
      data-area={first.area}
    >
      <h3>
        {check?.title ?? first.title} <span class="badge">{findings.length} findings</span>
      </h3>
      <p>
        <CheckLink id={id} report={report} /> · area {first.area}
      </p>
      <Fix steps={needsFix ? fixSteps(check) : []} open={failing} />
      {partsOf(findings).map((part) => (
        <GroupPart id={id} area={first.area} part={part} />
      ))}
    </section>
  );
};

/** A check's explanation, once per check that has findings: why it matters, how to fix, controls, docs. */
const CheckEntry: FC<{ id: string; report: Report }> = ({ id, report }) => {
  const check = report.checks[id];
  if (!check) return null;
  const steps = fixSteps(check);
  const controls = controlLabels(check);
  return (
    <article class="check" id={`check-${id}`}>
      <h3>{check.title}</h3>
      <p>
        <code>{id}</code> · area {check.area}
      </p>
      <p class="rationale">Why it matters: {check.rationale}</p>
      {steps.length > 0 ? (
        <div class="fix">
          How to fix:
          <Steps steps={steps} />
        </div>
      ) : null}
      {controls.length > 0 ? <p class="controls">Controls: {controls.join(', ')}</p> : null}
      <p class="controls">
        Documentation: <a href={docsUrl(id)}>{docsUrl(id)}</a>
      </p>
    </article>
  );
};

/**
 * A list (the admins of a large account run to thousands): more than ROWS_PER_CHUNK rows are a head table and
 * chunks of rows laid out in fixed columns, so the browser lays out only the chunks on screen; an automatic
 * layout of one such table took the page 20 s to open.
 */
const ExtraTable: FC<{ table: TextTable }> = ({ table }) => {
  const id = table.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const head = (
    <thead>
      <tr>
        {table.columns.map((c) => (
          <th scope="col">{c}</th>
        ))}
      </tr>
    </thead>
  );
  const body = (rows: readonly string[][]) => (
    <tbody>
      {rows.map((row) => (
        <tr>
          {row.map((v) => (
            <td>{v}</td>
          ))}
        </tr>
      ))}
    </tbody>
  );
  if (table.rows.length <= ROWS_PER_CHUNK)
    return (
      <section id={id}>
        <h2>{table.title}</h2>
        <table>
          {head}
          {body(table.rows)}
        </table>
      </section>
    );
  const columns = (
    <colgroup>
      {table.columns.map(() => (
        <col />
      ))}
    </colgroup>
  );
  const chunks: string[][][] = [];
  for (let i = 0; i < table.rows.length; i += ROWS_PER_CHUNK)
    chunks.push(table.rows.slice(i, i + ROWS_PER_CHUNK));
  return (
    <section id={id} class="chunked">
      <h2>{table.title}</h2>
      <table class="rows-head">
        {columns}
        {head}
      </table>
      {chunks.map((chunk) => (
        <div class={chunk.length === ROWS_PER_CHUNK ? 'rows full' : 'rows'}>
          <table>
            {columns}
            {body(chunk)}
          </table>
        </div>
      ))}
    </section>
  );
};

/** The checks with more than GROUP_ABOVE findings, each with its findings in report order. */
function groupsOf(findings: readonly Finding[]): Map<string, Finding[]> {
  const byCheck = findingsByCheck(findings);
  for (const [id, list] of byCheck) if (list.length <= GROUP_ABOVE) byCheck.delete(id);
  return byCheck;
}

export const ReportPage: FC<{ report: Report }> = ({ report }) => {
  const findings = sortFindings(report.findings);
  const areas = [...new Set(findings.map((f) => f.area))].sort();
  // The fix goes with the first finding of each check that needs one (failed, error, manual).
  const fixed = new Set<string>();
  const showFix = findings.map((f) => {
    if (!actionable(f) || fixed.has(f.checkId)) return false;
    fixed.add(f.checkId);
    return true;
  });
  const checkIds = [...new Set(findings.map((f) => f.checkId))];
  const groups = groupsOf(findings);
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
        <Warnings warnings={report.warnings ?? []} />
        <Panel items={report.securityStatus} />
        <Summary report={report} />
        <section id="findings">
          <h2>Findings</h2>
          <Filters areas={areas} />
          <p class="count" id="shown-count" aria-live="polite">
            {findings.length} findings
          </p>
          {findings.length === 0 ? <p>No checks ran.</p> : null}
          {findings.map((f, i) => {
            const group = groups.get(f.checkId);
            if (!group) return <FindingCard finding={f} report={report} showFix={showFix[i] === true} />;
            // The whole table where the check's first (most severe) finding falls.
            return group[0] === f ? <CheckGroup id={f.checkId} findings={group} report={report} /> : null;
          })}
        </section>
        {checkIds.length > 0 ? (
          <section id="checks">
            <h2>About the checks</h2>
            {checkIds.map((id) => (
              <CheckEntry id={id} report={report} />
            ))}
          </section>
        ) : null}
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
