import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/registry.js';
import { runChecks } from '../checks/run.js';
import { exportShapeOf } from './export-shapes.js';
import { IMPORTED_SLICES, importSnapshot } from './import.js';
import { findSecret, InputError, parseSnapshot, serializeSnapshot } from './io.js';
import type { SliceData, SliceName, Snapshot } from './schema.js';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/aws-cli-export');
const NOW = new Date('2026-11-23T13:00:00Z');

function data<K extends SliceName>(snapshot: Snapshot, slice: K): SliceData[K] {
  const s = snapshot.slices[slice];
  if (s.status !== 'ok') throw new Error(`${slice} is ${s.status}: ${JSON.stringify(s)}`);
  return s.data;
}

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
/** A temporary export directory holding the named fixture files plus `extra` (name -> content). */
async function exportDir(fixtureFiles: string[], extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-import-'));
  temps.push(dir);
  for (const f of fixtureFiles) await cp(join(FIXTURE, f), join(dir, f));
  for (const [name, content] of Object.entries(extra)) await writeFile(join(dir, name), content);
  return dir;
}
async function importError(dir: string): Promise<string> {
  try {
    await importSnapshot(dir, { now: NOW });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected importSnapshot to fail');
}

describe('importSnapshot: the bundled AWS CLI export of a hardened account', () => {
  it('fills every slice from the exports', async () => {
    const snapshot = await importSnapshot(FIXTURE, { now: NOW });
    expect(snapshot.meta).toEqual({
      generatedAt: '2026-11-23T13:00:00.000Z',
      source: 'import',
      accountId: '123456789012',
      partition: 'aws',
      callerArn: 'arn:aws:iam::123456789012:user/JS1234',
      tool: expect.objectContaining({ name: 'rampart' }),
    });
    for (const [name, slice] of Object.entries(snapshot.slices)) {
      const expected = IMPORTED_SLICES.includes(name as SliceName) ? 'ok' : 'skipped';
      expect({ name, status: slice.status }).toEqual({ name, status: expected });
    }

    const report = data(snapshot, 'credentialReport');
    expect(report.GeneratedTime).toBe('2026-11-23T12:30:05.000Z');
    expect(report.rows.map((r) => r.user)).toEqual([
      '<root_account>',
      'JS1234',
      'AB5678',
      'RO1000',
      'RO1001',
    ]);
    expect(report.rows[0]).toMatchObject({ mfa_active: 'true', access_key_1_active: 'false' });

    const authz = data(snapshot, 'authorizationDetails');
    expect(authz.UserDetailList).toHaveLength(4);
    expect(authz.RoleDetailList[0]?.AssumeRolePolicyDocument).toMatchObject({ Version: '2012-10-17' });
    // As in a live snapshot: the unattached AWS-managed policy is dropped.
    expect(authz.Policies.map((p) => p.PolicyName).sort()).toEqual([
      'AdministratorAccess',
      'DenyWithoutMfa',
      'ReadOnlyAccess',
    ]);

    expect(data(snapshot, 'passwordPolicy').PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
    });
    expect(data(snapshot, 'accountAliases')).toEqual({ AccountAliases: ['rampart-hardened'] });
    expect(data(snapshot, 'virtualMfaDevices').VirtualMFADevices).toHaveLength(3);

    const trail = data(snapshot, 'trails').Trails[0];
    expect(trail).toMatchObject({
      Trail: { Name: 'management-events', IsMultiRegionTrail: true, LogFileValidationEnabled: true },
      // aws-cli v1 prints CloudTrail times as epoch seconds; the snapshot holds ISO, as a live one does.
      Status: { IsLogging: true, LatestDeliveryTime: '2026-11-23T12:37:19.000Z' },
      Selectors: {
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
        AdvancedEventSelectors: [],
      },
      errors: [],
    });
    expect(trail?.Selectors).not.toHaveProperty('TrailARN');
    expect(data(snapshot, 'trailBuckets').Buckets).toEqual([
      {
        Name: 'rampart-hardened-cloudtrail',
        Policy: expect.objectContaining({ Version: '2012-10-17' }),
        PublicAccessBlock: {
          PublicAccessBlockConfiguration: expect.objectContaining({ BlockPublicAcls: true }),
        },
        Encryption: {
          ServerSideEncryptionConfiguration: expect.objectContaining({ Rules: expect.any(Array) }),
        },
        Logging: {}, // the CLI prints nothing for a bucket without access logging
        errors: [],
      },
    ]);
    expect(data(snapshot, 'costAndUsageReports').ReportDefinitions[0]?.ReportName).toBe('hourly-cur');
    expect(data(snapshot, 'alternateContacts')).toMatchObject({ SECURITY: { EmailAddress: 'security@example.com' }, BILLING: null, OPERATIONS: null }); // prettier-ignore
    expect(data(snapshot, 'contactInformation').ContactInformation?.FullName).toBe('Example Corp Cloud Team');
    // describe-organization.json holds the CLI's AWSOrganizationsNotInUseException text.
    expect(data(snapshot, 'organization')).toEqual({ Organization: null, Account: null });
  });

  it('drops the MFA seeds the export holds, and survives a write/read round trip', async () => {
    const snapshot = await importSnapshot(FIXTURE, { now: NOW });
    expect(findSecret(snapshot)).toBeUndefined();
    expect(JSON.stringify(snapshot)).not.toMatch(/Base32StringSeed|QRCodePNG|RkFLRS1TRUVE/);
    expect(parseSnapshot(serializeSnapshot(snapshot), 'x.json')).toEqual(snapshot);
  });
});

describe('importSnapshot: the checks that once needed a live collection', () => {
  const IDS = [
    'root-usage-alarm',
    'iam-access-analyzer-enabled',
    'billing-budget-alert',
    'billing-cost-and-usage-report',
    'iam-expired-server-certificates',
  ];
  const run = (snapshot: Snapshot) =>
    Object.fromEntries(
      IDS.map((id) => [
        id,
        [...new Set(runChecks(snapshot, CHECKS, { now: NOW, only: [id] }).map((f) => f.status))],
      ]),
    );

  it('evaluate on the bundled export (pass), and fail, not error, where the exports show a gap', async () => {
    expect(IDS.every((id) => CHECKS.some((c) => c.id === id))).toBe(true);
    expect(run(await importSnapshot(FIXTURE, { now: NOW }))).toEqual(
      Object.fromEntries(IDS.map((id) => [id, ['pass']])),
    );

    const dir = await exportDir(await readdir(FIXTURE), {
      // As aws-cli printed it for an expired certificate (moto's sample); a region without analyzer;
      // no budget; no billing export; a root rule whose topic nobody confirmed.
      'list-server-certificates.json': JSON.stringify({
        ServerCertificateMetadataList: [
          {
            Path: '/',
            ServerCertificateName: 'www-example',
            ServerCertificateId: 'ASCACKCEVSQ6C2EXAMPLE',
            Arn: 'arn:aws:iam::123456789012:server-certificate/www-example',
            UploadDate: '2010-05-08T01:02:03.004000Z',
            Expiration: '2012-05-08T01:02:03.004000Z',
          },
        ],
      }),
      'list-analyzers.eu-west-3.json': '{"analyzers": []}',
      'describe-budgets.json': '{"Budgets": []}',
      'list-exports.json': '{"Exports": []}',
      'describe-report-definitions.json': '{"ReportDefinitions": []}',
      'list-subscriptions.us-east-1.json': JSON.stringify({
        Subscriptions: [
          {
            SubscriptionArn: 'PendingConfirmation',
            Protocol: 'email',
            Endpoint: 'security@example.com',
            TopicArn: 'arn:aws:sns:us-east-1:123456789012:root-activity',
          },
        ],
      }),
    });
    const failing = run(await importSnapshot(dir, { now: NOW }));
    expect(failing).toEqual({
      'root-usage-alarm': ['fail'],
      'iam-access-analyzer-enabled': ['pass', 'fail'],
      'billing-budget-alert': ['fail'],
      'billing-cost-and-usage-report': ['fail'],
      'iam-expired-server-certificates': ['fail'],
    });
  });

  it('server certificates: list-server-certificates.json; absent is skipped, a bad entry names the file', async () => {
    const none = await exportDir(['get-caller-identity.json']);
    expect((await importSnapshot(none)).slices.serverCertificates).toEqual({
      status: 'skipped',
      reason: `no list-server-certificates.json in ${none}`,
    });
    const bad = await exportDir(['get-caller-identity.json'], {
      'list-server-certificates.json':
        '{"ServerCertificateMetadataList": [{"ServerCertificateName": "www"}]}',
    });
    expect(await importError(bad)).toBe(
      `${bad}/list-server-certificates.json: unexpected content at ServerCertificateMetadataList.0.Arn: Invalid input: expected string, received undefined`,
    );
  });
});

describe('importSnapshot: partial exports', () => {
  it('missing exports become skipped slices naming the file; the account id comes from an ARN', async () => {
    const dir = await exportDir(['get-account-authorization-details.json']);
    const snapshot = await importSnapshot(dir, { now: NOW });
    expect(snapshot.meta.accountId).toBe('123456789012');
    expect(snapshot.meta).not.toHaveProperty('callerArn');
    expect(snapshot.slices.authorizationDetails.status).toBe('ok');
    expect(snapshot.slices.identity).toEqual({
      status: 'skipped',
      reason: `no get-caller-identity.json in ${dir}`,
    });
    expect(snapshot.slices.credentialReport).toEqual({
      status: 'skipped',
      reason: `no credential-report.csv or get-credential-report.json in ${dir}`,
    });
    expect(snapshot.slices.passwordPolicy).toEqual({
      status: 'skipped',
      reason: `no get-account-password-policy.json in ${dir}`,
    });
    expect(snapshot.slices.trails).toEqual({
      status: 'skipped',
      reason: `no describe-trails.json in ${dir}`,
    });
    expect(snapshot.slices.trailBuckets).toEqual({
      status: 'skipped',
      reason: `needs describe-trails.json in ${dir}`,
    });
  });

  it('reads the credential report CSV as saved from the console, dated by the file', async () => {
    const report = JSON.parse(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(join(FIXTURE, 'get-credential-report.json'), 'utf8'),
      ),
    ) as { Content: string };
    const dir = await exportDir(['get-caller-identity.json'], {
      'credential-report.csv': Buffer.from(report.Content, 'base64').toString('utf8'),
    });
    await utimes(
      join(dir, 'credential-report.csv'),
      new Date('2026-11-22T06:00:00Z'),
      new Date('2026-11-22T06:00:00Z'),
    );
    const snapshot = await importSnapshot(dir, { now: NOW });
    expect(data(snapshot, 'credentialReport').GeneratedTime).toBe('2026-11-22T06:00:00.000Z');
    expect(data(snapshot, 'credentialReport').rows).toHaveLength(5);
  });

  it.each([
    ['an empty file (the CLI printed nothing: NoSuchEntity went to stderr)', ''],
    ['{}', '{}\n'],
    [
      'the CLI error text (2>&1)',
      '\nAn error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name 123456789012 cannot be found.\n',
    ],
  ])('a password policy export holding %s means no password policy', async (_label, content) => {
    const dir = await exportDir(['get-caller-identity.json'], {
      'get-account-password-policy.json': content,
    });
    expect(data(await importSnapshot(dir), 'passwordPolicy')).toEqual({ PasswordPolicy: null });
  });

  it('a trail without its get-trail-status / get-event-selectors export keeps the trail and says what is missing', async () => {
    const dir = await exportDir(['get-caller-identity.json', 'describe-trails.json']);
    const snapshot = await importSnapshot(dir);
    expect(data(snapshot, 'trails').Trails[0]).toMatchObject({
      Status: null,
      Selectors: null,
      errors: [
        {
          part: 'GetTrailStatus',
          message: `no get-trail-status-management-events.json in ${dir}`,
          action: 'cloudtrail:GetTrailStatus',
        },
        { part: 'GetEventSelectors', message: `no get-event-selectors-management-events.json in ${dir}`, action: 'cloudtrail:GetEventSelectors' }, // prettier-ignore
      ],
    });
    expect(snapshot.slices.trailBuckets).toEqual({
      status: 'skipped',
      reason: `no get-bucket-policy-rampart-hardened-cloudtrail.json in ${dir}`,
    });
  });
});

describe('importSnapshot: bad input is one line naming the file', () => {
  it('a directory that does not exist, or a file instead of a directory', async () => {
    expect(await importError('/nonexistent/exports')).toBe(
      '/nonexistent/exports: no such directory; expected a directory of AWS CLI exports (see docs/import.md)',
    );
    const file = join(FIXTURE, 'get-caller-identity.json');
    expect(await importError(file)).toBe(
      `${file}: not a directory; expected a directory of AWS CLI exports (see docs/import.md)`,
    );
  });

  it('invalid JSON', async () => {
    const dir = await exportDir([], { 'get-account-summary.json': '{"SummaryMap": {"Users": 4,' });
    const message = await importError(dir);
    expect(message).toMatch(
      new RegExp(
        `^${dir}/get-account-summary\\.json: not valid JSON: .+; expected the output of \`aws iam get-account-summary\`$`,
      ),
    );
  });

  it('JSON of another command', async () => {
    const dir = await exportDir([], { 'get-account-authorization-details.json': '{"Users": []}' });
    expect(await importError(dir)).toBe(
      `${dir}/get-account-authorization-details.json: no UserDetailList field; expected the output of \`aws iam get-account-authorization-details\``,
    );
  });

  it('an empty export of a command that never prints nothing', async () => {
    const dir = await exportDir([], { 'list-account-aliases.json': '' });
    expect(await importError(dir)).toBe(
      `${dir}/list-account-aliases.json: empty; expected the JSON output of \`aws iam list-account-aliases\` (did the command fail?)`,
    );
  });

  it('a truncated credential report CSV names the line', async () => {
    const header =
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
    const dir = await exportDir(['get-caller-identity.json'], {
      'credential-report.csv': `${header}\n<root_account>,arn:aws:iam::123456789012:root,2026-10-01T08:12:44+00:00,not_supp`,
    });
    expect(await importError(dir)).toBe(
      `${dir}/credential-report.csv: line 2 has 4 columns, expected 22 (truncated or edited file?)`,
    );
  });

  it('a credential report flag AWS never writes names the file, user and column (was read as false)', async () => {
    const report = JSON.parse(await readFile(join(FIXTURE, 'get-credential-report.json'), 'utf8')) as {
      Content: string;
    };
    const csv = Buffer.from(report.Content, 'base64').toString('utf8');
    const dir = await exportDir(['get-caller-identity.json'], {
      'credential-report.csv': csv.replace(/^(JS1234,[^,]*,[^,]*,)true,/m, '$1yes,'),
    });
    expect(await importError(dir)).toBe(
      `${dir}/credential-report.csv: line 3, user JS1234: password_enabled is 'yes'; expected true, false or not_supported`,
    );
  });

  it('a get-credential-report.json whose Content is not a report', async () => {
    const dir = await exportDir([], {
      'get-credential-report.json': JSON.stringify({
        Content: Buffer.from('hello').toString('base64'),
        GeneratedTime: '2026-11-23T12:30:05Z',
      }),
    });
    expect(await importError(dir)).toMatch(
      /get-credential-report\.json: line 1: header lacks columns user, arn/,
    );
  });

  it('a slice of the wrong shape names the field', async () => {
    const dir = await exportDir([], { 'list-account-aliases.json': '{"AccountAliases": [42]}' });
    expect(await importError(dir)).toBe(
      `${dir}/list-account-aliases.json: unexpected content at AccountAliases.0: Invalid input: expected string, received number`,
    );
  });

  it.each([
    ['get-bucket-policy-rampart-hardened-cloudtrail.json', '{"Policy": 12345}', 'Policy', 'string'],
    ['describe-trails.json', '{"trailList": "abc"}', 'trailList', 'array'],
    [
      'get-public-access-block-rampart-hardened-cloudtrail.json',
      '{}',
      'PublicAccessBlockConfiguration',
      'object',
    ],
  ])(
    'an export of the wrong shape (%s) names the file and field, never reads as absent',
    async (file, content, field, type) => {
      const dir = await exportDir(
        [
          'get-caller-identity.json',
          'describe-trails.json',
          'get-bucket-policy-rampart-hardened-cloudtrail.json',
        ],
        { [file]: content },
      );
      expect(await importError(dir)).toMatch(
        new RegExp(
          `^${dir}/${file.replaceAll('.', '\\.')}: unexpected content at ${field}: Invalid input: expected ${type}, received \\w+$`,
        ),
      );
    },
  );

  it.each([
    ['get-event-selectors-management-events.json', '{"EventSelectors": "all"}', 'EventSelectors', 'array'],
    ['get-trail-status-management-events.json', '{"IsLogging": "yes"}', 'IsLogging', 'boolean'],
  ])('a bad per-trail export (%s) is named, not describe-trails.json', async (file, content, field, type) => {
    const dir = await exportDir(
      [
        'get-caller-identity.json',
        'describe-trails.json',
        'get-trail-status-management-events.json',
        'get-event-selectors-management-events.json',
      ],
      { [file]: content },
    );
    expect(await importError(dir)).toBe(
      `${dir}/${file}: unexpected content at ${field}: Invalid input: expected ${type}, received string`,
    );
  });

  it('every file of the sample export has the shape of its command checked', async () => {
    for (const file of (await readdir(FIXTURE)).filter((f) => f.endsWith('.json'))) {
      expect({ file, shape: exportShapeOf(file) !== undefined }).toEqual({ file, shape: true });
    }
  });

  it.each([['get-account-authorization-details.json'], ['get-credential-report.json']])(
    'exports of another account than the caller identity (%s) are refused, naming both',
    async (file) => {
      const identity = { Account: '999999999999', Arn: 'arn:aws:iam::999999999999:user/x', UserId: 'AIDAX' };
      const dir = await exportDir([file], { 'get-caller-identity.json': JSON.stringify(identity) });
      expect(await importError(dir)).toBe(
        `${dir}/${file} is of account 123456789012 but ${dir}/get-caller-identity.json is of account 999999999999: export one account`,
      );
    },
  );

  it('no way to tell the account id', async () => {
    const dir = await exportDir([], { 'list-account-aliases.json': '{"AccountAliases": []}' });
    expect(await importError(dir)).toMatch(/: cannot tell the account id: add get-caller-identity\.json/);
  });
});
