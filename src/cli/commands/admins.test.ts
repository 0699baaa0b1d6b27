import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_DOC,
  ASSUME_ANY_ROLE_DOC,
  addManaged,
  addRole,
  details,
  trustAccount,
} from '../../checks/admins/fixtures.js';
import { ADMIN_ANALYSIS_SLICES } from '../../checks/admins/slices.js';
import { SLICE_NAMES, type Snapshot } from '../../snapshot/schema.js';
import { snapshot, TEST_ACCOUNT, TEST_NOW } from '../../snapshot/testing/builder.js';
import { CliError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { adminsCommand, LONG_LIST } from './admins.js';

function fakeIo(now = TEST_NOW) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CliIo = { stdout, stderr, env: {}, cwd: process.cwd(), now: () => now };
  return { io, out: () => out, err: () => err };
}

function snapshotFile(adjust: (snap: Snapshot) => void = () => undefined): string {
  const snap = snapshot()
    .group('admins', { attached: ['AdministratorAccess'] })
    .user('alice', { console: true, mfa: true, groups: ['admins'] })
    .user('bob', {
      inline: { p: { Statement: [{ Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: '*' }] } },
    })
    .user('carol')
    .build();
  addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
  adjust(snap);
  const file = join(mkdtempSync(join(tmpdir(), 'rampart-admins-')), 'snap.json');
  writeFileSync(file, JSON.stringify(snap));
  return file;
}

describe('rampart admins', () => {
  it('reads only ADMIN_ANALYSIS_SLICES (what a live run collects): the same output without the other slices', async () => {
    const messy = JSON.parse(
      readFileSync(join(process.cwd(), 'test', 'fixtures', 'snapshots', 'messy.json'), 'utf8'),
    ) as Snapshot;
    const lean = structuredClone(messy);
    const dropped = SLICE_NAMES.filter((n) => n !== 'identity' && !ADMIN_ANALYSIS_SLICES.includes(n));
    const slices = lean.slices as Record<string, unknown>;
    for (const name of dropped) slices[name] = { status: 'skipped', reason: 'not selected' };
    expect(dropped.length).toBeGreaterThan(10);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-admins-'));
    const run = async (snap: Snapshot, output: string) => {
      const file = join(dir, `${output}-${snap === messy ? 'full' : 'lean'}.json`);
      writeFileSync(file, JSON.stringify(snap));
      const t = fakeIo();
      expect(await adminsCommand({ snapshot: file, output, color: false }, t.io)).toBe(0);
      return t.out() + t.err();
    };
    for (const output of ['json', 'table']) {
      const full = await run(messy, output);
      expect(full.length).toBeGreaterThan(1000);
      expect(await run(lean, output)).toBe(full);
    }
  });

  it('prints the JSON contract on stdout', async () => {
    const t = fakeIo();
    const code = await adminsCommand({ snapshot: snapshotFile(), output: 'json' }, t.io);
    expect(code).toBe(0);
    const json = JSON.parse(t.out()) as {
      admins: { principal: string; type: string; tier: string; mfa: unknown; paths: unknown[] }[];
    };
    const byName = Object.fromEntries(json.admins.map((a) => [a.principal.split('/').pop(), a]));
    expect(byName.alice).toMatchObject({
      type: 'user',
      tier: 'full',
      mfa: { enabled: true, requiredForAdmin: false },
    });
    expect(byName.admins).toMatchObject({ type: 'group', tier: 'full' });
    expect(byName.bob).toMatchObject({ type: 'user', tier: 'iam-admin' });
    expect(byName.carol).toBeUndefined();
    expect(byName.alice?.paths.length).toBeGreaterThan(0);
  });

  it('--output csv: one row per admin with tier, access, MFA and paths, spreadsheet-safe', async () => {
    const t = fakeIo();
    expect(await adminsCommand({ snapshot: snapshotFile(), output: 'csv' }, t.io)).toBe(0);
    const lines = t.out().split('\r\n');
    expect(lines[0]).toBe(
      'principal,type,name,tier,access,conditions,mfa_required_for_admin,mfa_device,console_access,last_used,outside,paths',
    );
    const rows = lines.slice(1).filter(Boolean);
    expect(rows).toHaveLength(3);
    const alice = rows.find((r) => r.includes(':user/alice,'));
    expect(alice).toMatch(/^arn:aws:iam::\d{12}:user\/alice,user,alice,full,unconditional,,false,true,true,/);
    expect(rows.find((r) => r.includes(',bob,'))).toContain(',iam-admin,');
  });

  it('prints a table grouped by tier', async () => {
    const t = fakeIo();
    await adminsCommand({ snapshot: snapshotFile(), output: 'table' }, t.io);
    expect(t.out()).toContain('full admin (2)');
    expect(t.out()).toContain('can make itself admin (1)');
    expect(t.out()).toContain('alice');
    // Closes with the count, as the audit's table does.
    expect(t.out().trimEnd().split('\n').pop()).toBe(
      'Summary: 3 of 4 users, groups and roles are admin or can become one (2 full admin, 1 can make themselves admin); 1 of these users has no MFA device.',
    );
  });

  it('policies whose non-default version allows more: a headed section before the summary, the first 10, the rest counted; --principal keeps only its own', async () => {
    // 12 customer managed policies whose old version v1 allows more than the default v2; carol has the first.
    const file = snapshotFile((snap) => {
      for (let i = 0; i < 12; i++) {
        const allow = (actions: string[]) => ({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
        });
        details(snap).Policies.push({
          PolicyName: `p${String(i).padStart(2, '0')}`,
          Arn: `arn:aws:iam::${TEST_ACCOUNT}:policy/p${String(i).padStart(2, '0')}`,
          DefaultVersionId: 'v2',
          PolicyVersionList: [
            { Document: allow(['s3:ListBucket', 's3:GetObject']), VersionId: 'v1', IsDefaultVersion: false },
            { Document: allow(['s3:ListBucket']), VersionId: 'v2', IsDefaultVersion: true },
          ],
        });
      }
      const carol = details(snap).UserDetailList.find((u) => u.UserName === 'carol');
      carol?.AttachedManagedPolicies?.push({
        PolicyName: 'p00',
        PolicyArn: `arn:aws:iam::${TEST_ACCOUNT}:policy/p00`,
      });
    });
    const t = fakeIo();
    await adminsCommand({ snapshot: file, output: 'table' }, t.io);
    const lines = t.out().trimEnd().split('\n');
    const head = lines.indexOf('Policies whose non-default version allows more than the default (12)');
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 2]).toBe(
      `  arn:aws:iam::${TEST_ACCOUNT}:policy/p00: version v1 also allows s3:GetObject`,
    );
    expect(lines.filter((l) => l.includes(':policy/p'))).toHaveLength(10);
    expect(lines).toContain('  ... and 2 more (--output json lists every one)');
    // The summary stays last.
    expect(lines.pop()).toMatch(/^Summary: /);
    // One principal: only the policies that apply to it, in the table and the JSON.
    const one = fakeIo();
    await adminsCommand({ snapshot: file, output: 'table', principal: 'carol' }, one.io);
    expect(one.out()).toContain('Policies whose non-default version allows more than the default (1)');
    expect(one.out()).toContain(':policy/p00: version v1');
    expect(one.out()).not.toContain(':policy/p01');
    const json = fakeIo();
    await adminsCommand({ snapshot: file, output: 'json', principal: 'alice' }, json.io);
    expect((JSON.parse(json.out()) as { policyVersionRisks: unknown[] }).policyVersionRisks).toEqual([]);
  });

  it('a long list (more than LONG_LIST admins) says how to narrow it, just above the closing count', async () => {
    const build = (n: number) => {
      let b = snapshot().group('admins', { attached: ['AdministratorAccess'] });
      for (let i = 0; i < n; i++) b = b.user(`u${String(i)}`, { groups: ['admins'] });
      const snap = b.build();
      addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
      const file = join(mkdtempSync(join(tmpdir(), 'rampart-admins-')), 'snap.json');
      writeFileSync(file, JSON.stringify(snap));
      return file;
    };
    const HINT =
      'A long list: narrow it with --tier full,iam-admin or --principal NAME, or open it in a spreadsheet with --output csv.';
    const long = fakeIo();
    await adminsCommand({ snapshot: build(LONG_LIST), output: 'table' }, long.io);
    const lines = long.out().trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^Summary: 101 of 101 /);
    expect(lines.at(-2)).toBe(HINT);
    // A short list, or one already narrowed, does not.
    const short = fakeIo();
    await adminsCommand({ snapshot: build(LONG_LIST - 2), output: 'table' }, short.io);
    expect(short.out()).not.toContain('A long list');
    const tiered = fakeIo();
    await adminsCommand({ snapshot: build(LONG_LIST), output: 'table', tier: 'full' }, tiered.io);
    expect(tiered.out()).not.toContain('A long list');
  });

  it('--tier: the summary counts the selected tiers', async () => {
    const t = fakeIo();
    await adminsCommand({ snapshot: snapshotFile(), output: 'table', tier: 'full' }, t.io);
    expect(t.out()).toContain(
      'Summary: 2 of 4 users, groups and roles in the selected tiers (2 full admin).',
    );
  });

  it('rejects a missing snapshot file with a one-line error', async () => {
    const t = fakeIo();
    await expect(adminsCommand({ snapshot: '/nonexistent/x.json', output: 'json' }, t.io)).rejects.toThrow(
      CliError,
    );
  });

  it('--since: a missing or wrong file, or CSV, stops a live run before any AWS call', async () => {
    // A live run against a port nobody listens on: had it started collecting, the error would be about AWS.
    const live = () => {
      const t = fakeIo();
      t.io.env = {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'fake',
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_MAX_ATTEMPTS: '1',
      };
      return t;
    };
    const dir = mkdtempSync(join(tmpdir(), 'rampart-since-'));
    const narrow = join(dir, 'narrow.json');
    const snap = snapshot().build();
    snap.slices.authorizationDetails = { status: 'skipped', reason: 'not selected' };
    writeFileSync(narrow, JSON.stringify(snap));
    const cases: [Partial<Parameters<typeof adminsCommand>[0]>, RegExp][] = [
      [{ since: join(dir, 'missing.json') }, /^--since .*missing\.json: no such file$/],
      [{ since: narrow }, /^--since .*narrow\.json: a snapshot without the authorization details/],
      [{ since: snapshotFile(), output: 'csv' }, /^--since: works with --output table or json/],
    ];
    for (const [flags, message] of cases) {
      const t = live();
      await expect(adminsCommand({ output: 'table', ...flags }, t.io)).rejects.toThrow(message);
      expect(t.err()).not.toContain('Collecting');
    }
  });

  describe('a saved snapshot is judged as of when it was taken, not today', () => {
    // dana is admin until the end of 2026 (aws:CurrentTime, a temporary grant); the snapshot is of 2026-11-23.
    // AWS: aws:CurrentTime, "Use this key to compare the date and time of the request" (global condition keys,
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime).
    const TEMPORARY = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
        },
      ],
    };
    const LATER = new Date('2028-11-23T12:00:00Z');
    const withDana = () =>
      snapshotFile((snap) => {
        details(snap).UserDetailList.push({
          UserName: 'dana',
          UserId: 'AIDADANAXXXXXXXXXXXXX',
          Arn: `arn:aws:iam::${TEST_ACCOUNT}:user/dana`,
          Path: '/',
          UserPolicyList: [{ PolicyName: 'until-2027', PolicyDocument: TEMPORARY }],
        });
      });
    const danaOf = (out: string) =>
      (JSON.parse(out) as { admins: { principal: string; tier: string }[] }).admins.find((a) =>
        a.principal.endsWith(':user/dana'),
      );

    it('--snapshot: the grant that was valid then still makes dana admin two years later', async () => {
      const t = fakeIo(LATER);
      expect(await adminsCommand({ snapshot: withDana(), output: 'json' }, t.io)).toBe(0);
      expect(danaOf(t.out())).toMatchObject({ tier: 'full' });
    });

    it('--since SNAPSHOT: the earlier snapshot is analyzed as of its own time, so a grant gone since is a change', async () => {
      const now = snapshotFile((snap) => {
        snap.meta.generatedAt = LATER.toISOString();
      });
      const t = fakeIo(LATER);
      await adminsCommand({ snapshot: now, since: withDana(), output: 'json' }, t.io);
      const { changes } = JSON.parse(t.out()) as { changes: { changes: { name: string; change: string }[] } };
      expect(changes.changes).toEqual([expect.objectContaining({ name: 'dana', change: 'gone' })]);
    });
  });

  it('rejects an unknown output format', async () => {
    const t = fakeIo();
    await expect(adminsCommand({ snapshot: snapshotFile(), output: 'sarif' }, t.io)).rejects.toThrow(
      /--output/,
    );
  });

  it('--tier lists only those tiers; an unknown tier is a usage error naming the flag', async () => {
    const t = fakeIo();
    await adminsCommand({ snapshot: snapshotFile(), output: 'json', tier: 'iam-admin' }, t.io);
    const json = JSON.parse(t.out()) as { admins: { name: string; tier: string }[] };
    expect(json.admins.map((a) => [a.name, a.tier])).toEqual([['bob', 'iam-admin']]);
    await expect(
      adminsCommand({ snapshot: snapshotFile(), output: 'json', tier: 'full,root' }, fakeIo().io),
    ).rejects.toThrow("--tier: 'root' is not one of full, iam-admin, via-role, potential");
  });

  it('--principal prints every path of an admin, with its actions and policies', async () => {
    const t = fakeIo();
    await adminsCommand({ snapshot: snapshotFile(), output: 'table', principal: 'bob' }, t.io);
    expect(t.out()).toContain('can make itself admin (1)');
    expect(t.out()).toContain('actions: iam:PutUserPolicy');
    expect(t.out()).toContain('granted by: p (inline)');
    expect(t.out()).not.toContain('alice');
  });

  it('--principal lists the admins a path could abuse as alternatives, a role chain as a chain', async () => {
    const hopArn = 'arn:aws:iam::123456789012:role/hop';
    const snap = snapshot()
      .user('root-like', { inline: { all: ADMIN_DOC } })
      .user('ops', { inline: { all: ADMIN_DOC } })
      .user('ops2', { inline: { all: ADMIN_DOC } })
      .user('helpdesk', {
        inline: { p: { Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }] } },
      })
      .user('dev', { inline: { p: ASSUME_ANY_ROLE_DOC } })
      .build();
    addRole(snap, 'hop', trustAccount(), { inline: { p: ASSUME_ANY_ROLE_DOC } });
    addRole(
      snap,
      'admin-role',
      { Statement: [{ Effect: 'Allow', Principal: { AWS: hopArn }, Action: 'sts:AssumeRole' }] },
      {
        inline: { all: ADMIN_DOC },
      },
    );
    const file = join(mkdtempSync(join(tmpdir(), 'rampart-admins-')), 'snap.json');
    writeFileSync(file, JSON.stringify(snap));
    const t = fakeIo();
    await adminsCommand({ snapshot: file, output: 'table', principal: 'helpdesk' }, t.io);
    // dev is admin too (through the roles); the description counts all four, `via` shows three.
    expect(t.out()).toContain('Can create an access key for an admin user (dev, ops, ops2 and 1 more).');
    expect(t.out()).toContain(
      'via any of: arn:aws:iam::123456789012:user/dev, arn:aws:iam::123456789012:user/ops, arn:aws:iam::123456789012:user/ops2, ...',
    );
    expect(t.out()).not.toContain(' -> ');
    const chain = fakeIo();
    await adminsCommand({ snapshot: file, output: 'table', principal: 'dev' }, chain.io);
    expect(chain.out()).toContain(`via: ${hopArn} -> arn:aws:iam::123456789012:role/admin-role`);
  });

  it('--principal says so when the principal has no path to admin (table and JSON)', async () => {
    const t = fakeIo();
    await adminsCommand({ snapshot: snapshotFile(), output: 'table', principal: 'carol' }, t.io);
    expect(t.out()).toContain(
      'arn:aws:iam::123456789012:user/carol is not an admin and has no path to admin.',
    );
    const j = fakeIo();
    const arn = 'arn:aws:iam::123456789012:user/carol';
    await adminsCommand({ snapshot: snapshotFile(), output: 'json', principal: arn }, j.io);
    expect(JSON.parse(j.out())).toMatchObject({ admins: [], notAdmin: [arn] });
  });

  it('--principal naming nobody in the snapshot is a usage error, not an empty list', async () => {
    await expect(
      adminsCommand({ snapshot: snapshotFile(), output: 'table', principal: 'mallory' }, fakeIo().io),
    ).rejects.toThrow("--principal: no user, group or role named 'mallory'");
  });

  it('--principal naming nobody suggests the closest names: a case slip, a typo, an ARN', async () => {
    const file = snapshotFile();
    const cases: [string, string][] = [
      [
        'Alice',
        "--principal: no user, group or role named 'Alice' (name or ARN) in the snapshot (closest: alice)",
      ],
      [
        'alcie',
        "--principal: no user, group or role named 'alcie' (name or ARN) in the snapshot (closest: alice)",
      ],
      [
        `arn:aws:iam::${TEST_ACCOUNT}:user/bobb`,
        `--principal: no user, group or role named 'arn:aws:iam::${TEST_ACCOUNT}:user/bobb' (name or ARN) in the snapshot (closest: arn:aws:iam::${TEST_ACCOUNT}:user/bob)`,
      ],
    ];
    for (const [principal, message] of cases)
      await expect(
        adminsCommand({ snapshot: file, output: 'table', principal }, fakeIo().io),
      ).rejects.toThrow(new CliError(message));
  });

  it('--principal matching a user and a role of the same name shows both and says how to pick one', async () => {
    const snap = snapshot().user('deploy').build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    addRole(snap, 'deploy', trustAccount(), { attached: ['AdministratorAccess'] });
    const file = join(mkdtempSync(join(tmpdir(), 'rampart-admins-')), 'snap.json');
    writeFileSync(file, JSON.stringify(snap));
    const t = fakeIo();
    await adminsCommand({ snapshot: file, output: 'json', principal: 'deploy' }, t.io);
    const json = JSON.parse(t.out()) as { admins: { principal: string }[]; notAdmin: string[] };
    expect(json.admins.map((a) => a.principal)).toEqual([`arn:aws:iam::${snap.meta.accountId}:role/deploy`]);
    expect(json.notAdmin).toEqual([`arn:aws:iam::${snap.meta.accountId}:user/deploy`]);
    expect(t.err()).toContain("2 principals are named 'deploy'");
    expect(t.err()).toContain('pass an ARN to pick one');
    // By ARN: one, and no warning.
    const one = fakeIo();
    await adminsCommand(
      { snapshot: file, output: 'json', principal: `arn:aws:iam::${snap.meta.accountId}:role/deploy` },
      one.io,
    );
    expect(one.err()).not.toContain('principals are named');
  });

  it("names the organization's management account among a role's outside grants", async () => {
    const snap = snapshot().build();
    addManaged(snap, 'AdministratorAccess', ADMIN_DOC);
    snap.slices.organization = {
      status: 'ok',
      data: { Organization: { Id: 'o-abc123', MasterAccountId: '777788889999' }, Account: null },
    };
    const trust = {
      Statement: [{ Effect: 'Allow', Principal: { AWS: '777788889999' }, Action: 'sts:AssumeRole' }],
    };
    addRole(snap, 'OrganizationAccountAccessRole', trust, { attached: ['AdministratorAccess'] });
    const file = join(mkdtempSync(join(tmpdir(), 'rampart-admins-')), 'snap.json');
    writeFileSync(file, JSON.stringify(snap));
    const t = fakeIo();
    await adminsCommand({ snapshot: file, output: 'table' }, t.io);
    expect(t.out()).toContain(
      "open to outsiders: account 777788889999, the organization's management account (no ExternalId or MFA condition)",
    );
  });

  it('writes --output-file with mode 0600', async () => {
    const t = fakeIo();
    const file = join(mkdtempSync(join(tmpdir(), 'rampart-admins-')), 'admins.json');
    await adminsCommand({ snapshot: snapshotFile(), output: 'json', outputFile: file }, t.io);
    expect(t.out()).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('admins');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it.each([
    [
      'refused',
      { kind: 'access-denied', message: 'AccessDenied', action: 'iam:GenerateCredentialReport' },
      'The credential report could not be read (access denied (missing permission iam:GenerateCredentialReport))',
    ],
    [
      'broken',
      { kind: 'other', message: 'CredentialReportFormatError: not a valid CSV file' },
      'The credential report could not be read (CredentialReportFormatError: not a valid CSV file (calling iam:GenerateCredentialReport and iam:GetCredentialReport))',
    ],
  ] as const)(
    'says when the credential report could not be read (%s): MFA and last use are unknown (stderr, JSON)',
    async (_name, error, text) => {
      const file = snapshotFile((snap) => {
        snap.slices.credentialReport = { status: 'error', error };
      });
      const table = fakeIo();
      expect(await adminsCommand({ snapshot: file, output: 'table' }, table.io)).toBe(0);
      expect(table.err()).toContain(`warning: ${text}: admin users' MFA devices and last use are unknown.`);
      const json = fakeIo();
      expect(await adminsCommand({ snapshot: file, output: 'json' }, json.io)).toBe(0);
      const { warnings } = JSON.parse(json.out()) as { warnings: string[] };
      expect(warnings).toEqual([`${text}: admin users' MFA devices and last use are unknown.`]);
    },
  );

  it('says when the snapshot holds no credential report', async () => {
    const file = snapshotFile((snap) => {
      snap.slices.credentialReport = { status: 'skipped', reason: 'no credential-report.csv in the export' };
    });
    const t = fakeIo();
    await adminsCommand({ snapshot: file, output: 'json' }, t.io);
    expect((JSON.parse(t.out()) as { warnings: string[] }).warnings).toEqual([
      "The credential report is not in this snapshot (no credential-report.csv in the export): admin users' MFA devices and last use are unknown.",
    ]);
  });

  it('labels the example account as audit does: table header, JSON source and a note on stderr', async () => {
    const table = fakeIo();
    expect(await adminsCommand({ example: true, output: 'table' }, table.io)).toBe(0);
    expect(table.out().split('\n')[0]).toBe(
      'Rampart admins · account 111122223333 · EXAMPLE ACCOUNT (bundled sample data, not your AWS account)',
    );
    expect(table.err()).toContain('Listing the admins of the bundled example account');
    const json = fakeIo();
    await adminsCommand({ example: true, output: 'json' }, json.io);
    expect(JSON.parse(json.out())).toMatchObject({ accountId: '111122223333', source: 'example' });
    const snap = fakeIo();
    await adminsCommand({ snapshot: snapshotFile(), output: 'json' }, snap.io);
    expect(JSON.parse(snap.out())).toMatchObject({ source: 'snapshot' });
  });
});
