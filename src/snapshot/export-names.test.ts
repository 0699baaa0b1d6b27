import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FIXTURE } from './testing/export-dir.js';
import { checkExportNames } from './export-names.js';

/** The warnings for `files`, or the error message. */
function check(...files: string[]): string[] {
  const warnings: string[] = [];
  checkExportNames('exports', files, (m) => warnings.push(m));
  return warnings;
}
const error = (...files: string[]): string => {
  try {
    check(...files);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
};

describe('checkExportNames', () => {
  it('accepts every export of the sample set; its README is the one file it warns of', () => {
    const files = readdirSync(EXPORT_FIXTURE);
    expect(check(...files)).toEqual([
      'exports/README.md: not an export rampart import reads; ignored (file names: docs/import.md)',
    ]);
  });

  it('accepts every file name of the table in docs/import.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/import.md'), 'utf8');
    const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
    const names = rows
      .flatMap((row) =>
        [...(row.split(' | ')[0] ?? '').matchAll(/`([^`]+\.(?:json|csv))`/g)].map((m) => m[1] ?? ''),
      )
      .filter((n) => !n.startsWith('-'))
      .map((n) => n.replaceAll('<region>', 'eu-west-1').replace(/<[^>]+>/g, 'x'));
    expect(names.length).toBeGreaterThan(30);
    expect(check(...names)).toEqual([]);
  });

  it('accepts resource names with dots, regional per-resource names, hidden files and its own snapshots', () => {
    expect(
      check(
        'get-trail-status-org.trail.json',
        'list-targets-by-rule-root.activity.eu-west-1.json',
        'list-subscriptions-by-topic-alerts.us-gov-west-1.json',
        'lookup-events-my-alias.ap-southeast-2.json',
        'describe-subscribers-for-notification-team_monthly-1.json',
        '.DS_Store',
        'rampart-snapshot-123456789012-import.json',
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'list-rules.us-east-9.json',
      "exports/list-rules.us-east-9.json: 'us-east-9' is not an AWS region (did you mean us-east-1?); expected list-rules.<region>.json with a region such as us-east-1",
    ],
    [
      'describe-alarms.useast1.json',
      "exports/describe-alarms.useast1.json: 'useast1' is not an AWS region (did you mean us-east-1?); expected describe-alarms.<region>.json with a region such as us-east-1",
    ],
    [
      'lookup-events-root.eu-west1.json',
      "exports/lookup-events-root.eu-west1.json: 'eu-west1' is not an AWS region (did you mean eu-west-1?); expected lookup-events-<user name>.<region>.json with a region such as us-east-1",
    ],
    ['list-analyzers.mars-1.json', "exports/list-analyzers.mars-1.json: 'mars-1' is not an AWS region"],
    [
      'list-rules.json',
      'exports/list-rules.json: `aws events list-rules --region REGION` answers for one region',
    ],
  ])('an unknown or missing region is an error: %s', (file, message) => {
    expect(error(file)).toContain(message);
  });

  it.each([
    ['credential-report.json', 'credential-report.csv'],
    ['Get-Caller-Identity.json', 'get-caller-identity.json'],
    ['get-account-password-policy.txt', 'get-account-password-policy.json'],
    ['LIST-RULES.us-east-1.json', 'list-rules.<region>.json'],
  ])(
    'a known name in another case or format is an error naming the file and that name: %s',
    (file, meant) => {
      expect(error(file)).toBe(
        `exports/${file}: not a file rampart import reads; did you mean ${meant}? (see docs/import.md)`,
      );
    },
  );

  it.each([
    ['credentail-report.csv', 'credential-report.csv'],
    ['get-alternate-contact-securty.json', 'get-alternate-contact-security.json'],
    ['list-rule.us-east-1.json', 'list-rules.<region>.json'],
    ['get-trial-status-main.json', 'get-trail-status-<trail name>.json'],
    ['get-trail-status.json', 'get-trail-status-<trail name>.json'],
    ['lookup-event-root.us-east-1.json', 'lookup-events-<user name>.<region>.json'],
    // Other AWS CLI commands of similar names: real exports, not typos.
    ['list-roles.json', 'list-rules.<region>.json'],
    ['get-bucket-tagging-logs.json', 'get-bucket-logging-<bucket>.json'],
    ['list-imports.json', 'list-exports.json'],
  ])('a name close to a known one is a warning with that name: %s', (file, meant) => {
    expect(check(file)).toEqual([
      `${join('exports', file)}: not an export rampart import reads; ignored (did you mean ${meant}?) (file names: docs/import.md)`,
    ]);
  });

  it('a backup of a known export is a warning, not an error', () => {
    expect(check('list-rules.us-east-1.json.bak')).toHaveLength(1);
    expect(check('get-account-password-policy.json.orig')).toHaveLength(1);
  });

  it('warns of any other file, by name', () => {
    expect(check('notes.txt', 'export.sh', 'iam-users.json')).toEqual(
      ['export.sh', 'iam-users.json', 'notes.txt'].map(
        (f) =>
          `${join('exports', f)}: not an export rampart import reads; ignored (file names: docs/import.md)`,
      ),
    );
  });
});
