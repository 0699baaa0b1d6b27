import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkExportNames } from './export-names.js';
import { EXPORT_FILES, type ExportForm, type ExportFormName } from './import-files.js';
import { ExportReader, REGION } from './import-reader.js';
import { importSnapshot } from './import.js';
import { EXPORT_FIXTURE, exportDirs } from './testing/export-dir.js';

const { exportDir } = exportDirs();
afterEach(() => {
  vi.restoreAllMocks();
});

const FORMS = Object.entries(EXPORT_FILES) as [ExportFormName, ExportForm][];

/** Whether `file` is of `form`: read straight from the form, not through the name check under test. */
function isOf(form: ExportForm, file: string): boolean {
  if (form.kind === 'fixed') return file === form.name;
  if (!file.endsWith('.json')) return false;
  const base = file.slice(0, -'.json'.length);
  const dot = base.lastIndexOf('.');
  const region = base.slice(dot + 1);
  switch (form.kind) {
    case 'perResource':
      return base.startsWith(form.prefix) && base.length > form.prefix.length;
    case 'regional':
      return dot > 0 && base.slice(0, dot) === form.command && REGION.test(region);
    case 'regionalPerResource':
      return base.startsWith(form.prefix) && dot > form.prefix.length && REGION.test(region);
  }
}
const formsNaming = (file: string): ExportFormName[] =>
  FORMS.filter(([, form]) => isOf(form, file)).map(([name]) => name);

/** A file of the form, as a reader would name it. */
function sample(form: ExportForm): string {
  if (form.kind === 'fixed') return form.name;
  if (form.kind === 'regional') return form.file('eu-west-1');
  if (form.kind === 'regionalPerResource') return form.file('some.name', 'us-gov-west-1');
  return form.file('some.name');
}

const warnings = (files: string[]): string[] => {
  const out: string[] = [];
  checkExportNames('exports', files, (m) => out.push(m));
  return out;
};

/** Every name the readers open (`text`: all reads go through it) and test for (`has`) in importing `dir`. */
async function namesUsed(dir: string): Promise<{ opened: Set<string>; probed: Set<string> }> {
  const text = vi.spyOn(ExportReader.prototype, 'text');
  const has = vi.spyOn(ExportReader.prototype, 'has');
  await importSnapshot(dir);
  const names = (spy: typeof text | typeof has) => new Set(spy.mock.calls.map(([file]) => String(file)));
  const used = { opened: names(text), probed: names(has) };
  vi.restoreAllMocks();
  return used;
}

const fixtureJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(EXPORT_FIXTURE, file), 'utf8')) as Record<string, unknown>;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:root-activity';
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/DefaultLogGroup:*';
const contact = (type: string) => ({
  AlternateContact: { Name: type, EmailAddress: 'ops@example.com', AlternateContactType: type },
});

/** The files the bundled fixture lacks or reads one way only: with them the import takes its other branches. */
function otherBranches(): Record<string, string | object> {
  const trails = fixtureJson('describe-trails.json') as { trailList: Record<string, unknown>[] };
  for (const t of trails.trailList) t.CloudWatchLogsLogGroupArn = LOG_GROUP;
  const report = fixtureJson('get-credential-report.json') as { Content: string };
  return {
    // Read instead of get-credential-report.json when present.
    'credential-report.csv': Buffer.from(report.Content, 'base64').toString('utf8'),
    'get-alternate-contact-billing.json': contact('BILLING'),
    'get-alternate-contact-operations.json': contact('OPERATIONS'),
    'describe-organization.json': { Organization: { Id: 'o-abc123', MasterAccountId: '123456789012' } },
    'describe-account.json': { Account: { Id: '123456789012', Email: 'root@example.com' } },
    'describe-trails.json': trails,
    'describe-metric-filters.us-east-1.json': {
      metricFilters: [
        {
          filterName: 'RootUsage',
          filterPattern: '{ $.userIdentity.type = "Root" }',
          metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS', metricValue: '1' }],
          logGroupName: 'CloudTrail/DefaultLogGroup',
        },
      ],
    },
    'describe-alarms.us-east-1.json': {
      MetricAlarms: [
        {
          AlarmName: 'root',
          AlarmActions: [TOPIC],
          MetricName: 'RootUsage',
          Namespace: 'CIS',
          Dimensions: [],
        },
      ],
    },
    // Read instead of list-subscriptions.<region>.json for its topic.
    'list-subscriptions-by-topic-root-activity.us-east-1.json': fixtureJson(
      'list-subscriptions.us-east-1.json',
    ),
  };
}

describe('the export file registry', () => {
  it.each(FORMS)('%s names files the name check accepts, of that form only', (name, form) => {
    const file = sample(form);
    expect(formsNaming(file)).toEqual([name]);
    expect(warnings([file])).toEqual([]);
  });

  it('the readers open and test for registry names only, and open a file of every form', async () => {
    const fixtureFiles = (await readdir(EXPORT_FIXTURE)).filter((f) => f !== 'README.md');
    const runs = [
      await namesUsed(await exportDir(fixtureFiles)),
      await namesUsed(await exportDir(fixtureFiles, otherBranches())),
    ];
    const opened = new Set(runs.flatMap((r) => [...r.opened]));
    const probed = new Set(runs.flatMap((r) => [...r.probed]));
    const used = [...new Set([...opened, ...probed])].sort();
    // A reader's name the check would not know (it would warn of or reject a file that is read).
    expect(used.filter((f) => formsNaming(f).length !== 1)).toEqual([]);
    expect(warnings(used)).toEqual([]);
    // A registry name no reader opens (the check would accept a file that is ignored).
    const read = new Set([...opened].flatMap(formsNaming));
    expect(FORMS.map(([name]) => name).filter((name) => !read.has(name))).toEqual([]);
  });
});
