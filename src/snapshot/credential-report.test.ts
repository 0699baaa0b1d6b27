import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_REPORT_COLUMNS,
  CredentialReportFormatError,
  decodeCredentialReportContent,
  parseCredentialReport,
} from './credential-report.js';

const HEADER = CREDENTIAL_REPORT_COLUMNS.join(',');
const ROOT =
  '<root_account>,arn:aws:iam::123456789012:root,2024-01-10T09:00:00+00:00,not_supported,2024-03-01T10:00:00+00:00,not_supported,not_supported,false,true,2024-01-10T09:05:00+00:00,2024-02-01T00:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ALICE =
  'alice,arn:aws:iam::123456789012:user/alice,2024-01-11T09:00:00+00:00,true,no_information,2024-01-11T09:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

describe('parseCredentialReport', () => {
  it('turns each line into a row keyed by column name, values as AWS writes them', () => {
    const rows = parseCredentialReport(`${HEADER}\n${ROOT}\n${ALICE}\n`);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      user: '<root_account>',
      mfa_active: 'false',
      access_key_1_active: 'true',
    });
    expect(rows[1]).toMatchObject({
      user: 'alice',
      password_last_used: 'no_information',
      mfa_active: 'true',
    });
  });

  it('accepts CRLF line ends, a byte-order mark and columns AWS may add later', () => {
    const rows = parseCredentialReport(`\uFEFF${HEADER},future_column\r\n${ALICE},x\r\n`);
    expect(rows[0]).toMatchObject({ user: 'alice', future_column: 'x' });
  });

  it('a report with only the header has no rows', () => {
    expect(parseCredentialReport(`${HEADER}\n`)).toEqual([]);
  });

  it('names the line and the column counts of a truncated row', () => {
    const truncated = `${HEADER}\n${ROOT}\n${ALICE.slice(0, 60)}`;
    expect(() => parseCredentialReport(truncated, 'credential-report.csv')).toThrow(
      new CredentialReportFormatError(
        'credential-report.csv: line 3 has 3 columns, expected 22 (truncated or edited file?)',
      ),
    );
  });

  it.each([
    ['password_enabled', 'yes', 'true, false or not_supported'],
    ['mfa_active', 'N/A', 'true or false'],
    ['access_key_2_active', '', 'true or false'],
  ])('a %s of %j is named with the line and user, never read as false', (column, value, expected) => {
    const cells = ALICE.split(',');
    cells[CREDENTIAL_REPORT_COLUMNS.indexOf(column)] = value;
    expect(() => parseCredentialReport(`${HEADER}\n${ROOT}\n${cells.join(',')}\n`, 'r.csv')).toThrow(
      new CredentialReportFormatError(
        `r.csv: line 3, user alice: ${column} is '${value}'; expected ${expected}`,
      ),
    );
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html: the date columns
  // hold an ISO 8601 date-time, or N/A, no_information or not_supported when there is none.
  it.each([
    ['password_last_used', '11/20/2026 17:03'],
    ['password_last_used', ''],
    ['access_key_1_last_used_date', '2026-11-20'],
    ['user_creation_time', 'yesterday'],
  ])('a %s of %j is named with the line and user, never read as no date at all', (column, value) => {
    const cells = ALICE.split(',');
    cells[CREDENTIAL_REPORT_COLUMNS.indexOf(column)] = value;
    expect(() => parseCredentialReport(`${HEADER}\n${ROOT}\n${cells.join(',')}\n`, 'r.csv')).toThrow(
      new CredentialReportFormatError(
        `r.csv: line 3, user alice: ${column} is '${value}'; expected an ISO 8601 date-time (2026-11-20T17:03:10+00:00), N/A, no_information or not_supported`,
      ),
    );
  });

  it('accepts the date forms AWS and the SDKs write: offset, Z, fractions of a second', () => {
    const cells = ALICE.split(',');
    cells[CREDENTIAL_REPORT_COLUMNS.indexOf('password_last_used')] = '2026-11-20T17:03:10Z';
    cells[CREDENTIAL_REPORT_COLUMNS.indexOf('password_last_changed')] = '2026-11-20T17:03:10.123+00:00';
    expect(parseCredentialReport(`${HEADER}\n${cells.join(',')}\n`)[0]).toMatchObject({
      password_last_used: '2026-11-20T17:03:10Z',
    });
  });

  it('flags as a spreadsheet may save them (TRUE, FALSE) are the same values', () => {
    const rows = parseCredentialReport(`${HEADER}\n${ALICE.replaceAll(',true,', ',TRUE,')}\n`);
    expect(rows[0]?.password_enabled).toBe('TRUE');
  });

  it('names the missing header columns', () => {
    const header = CREDENTIAL_REPORT_COLUMNS.filter((c) => c !== 'mfa_active').join(',');
    expect(() => parseCredentialReport(`${header}\n`, 'r.csv')).toThrow(
      'r.csv: line 1: header lacks column mfa_active; expected an IAM credential report',
    );
  });

  it('rejects something that is not a credential report at all, in one line', () => {
    const messageOf = (text: string): string => {
      try {
        parseCredentialReport(text, 'file');
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    };
    const json = messageOf('{"Content": "abc"}\n');
    expect(json).toMatch(/^file: not a valid CSV file \(Invalid Opening Quote: .* at line 1/);
    expect(json).not.toContain('\n');
    expect(messageOf('name,email\nbob,bob@example.com\n')).toBe(
      'file: line 1: header lacks columns user, arn, user_creation_time, password_enabled, … (22 in all); expected an IAM credential report',
    );
  });

  it('rejects an empty file and a broken quote', () => {
    expect(() => parseCredentialReport('  \n', 'r.csv')).toThrow('r.csv: empty, expected a CSV header line');
    expect(() => parseCredentialReport(`${HEADER}\n"alice,${ALICE}`, 'r.csv')).toThrow(
      /^r\.csv: not a valid CSV file \(/,
    );
  });

  it('rejects a duplicated column', () => {
    expect(() => parseCredentialReport(`${HEADER},user\n`, 'r.csv')).toThrow(
      "r.csv: line 1: column 'user' appears twice",
    );
  });
});

describe('decodeCredentialReportContent', () => {
  it('decodes SDK bytes and the AWS CLI base64 text alike', () => {
    const csv = `${HEADER}\n${ALICE}\n`;
    expect(decodeCredentialReportContent(new TextEncoder().encode(csv))).toBe(csv);
    expect(decodeCredentialReportContent(Buffer.from(csv).toString('base64'))).toBe(csv);
  });
});
