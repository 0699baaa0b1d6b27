import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/registry.js';
import { cleanEnv } from '../e2e/run-cli.js';
import { motoEnv, seedHardenedAccount } from './accounts.js';
import { startFakeBilling, type FakeBilling } from './fake-billing.js';
import { runCliAsync } from './harden-helpers.js';
import { seedMessyAccount } from './messy-account.js';
import { describeWithMoto } from './setup.js';

interface JsonReport {
  findings: { checkId: string; status: string; resource: string; message: string }[];
}

/** The statuses each check reported, deduplicated and sorted: 'fail' or 'fail+pass' (mixed per resource). */
function outcomes(report: JsonReport): Record<string, string> {
  const seen: Record<string, Set<string>> = {};
  for (const f of report.findings) (seen[f.checkId] ??= new Set()).add(f.status);
  return Object.fromEntries(Object.entries(seen).map(([id, s]) => [id, [...s].sort().join('+')]));
}

// What moto 5.2 cannot show, so these checks end in `error` or a fixed state on every moto account. Each is
// covered by fixture snapshots in its unit test (src/checks/**) and by the goldens (test/golden).
const MOTO_CANNOT: Record<string, string> = {
  'root-mfa-enabled': 'moto has no root-user state: root MFA is always off',
  'root-hardware-mfa': 'moto has no root-user state: root MFA is always off',
  'root-access-keys-absent': 'moto has no root-user state: root never has access keys',
  'root-not-used': 'moto’s credential report has no <root_account> row',
  'root-sign-ins': 'moto has no CloudTrail LookupEvents',
  'iam-access-analyzer-enabled': 'moto has no IAM Access Analyzer API',
  'account-contact-details':
    'moto has no account:GetContactInformation (the fake in front of it answers a name only)',
  'billing-cost-and-usage-report': 'moto has neither the CUR nor the Data Exports API',
  'iam-expired-server-certificates':
    'moto cannot store an already-expired certificate made here without a CA toolchain',
};

const CONFIG = {
  messy: {
    namingStandard: { preset: 'initials-id' },
    rootEmail: 'mike.chen@acme-corp.example',
    securityEmailPattern: '^aws-security@acme-corp\\.example$',
    roster: 'people.csv',
  },
  hardened: {
    namingStandard: { preset: 'initials-id' },
    rootEmail: 'security@example.com',
    securityEmailPattern: '^security@example\\.com$',
    roster: 'people.csv',
    attestations: [
      {
        check: 'root-credentials-stored-safely',
        by: 'jane.doe@example.com',
        date: '2026-11-01',
        note: 'Root password in the vault; both FIDO keys in safe B2',
      },
      {
        check: 'iam-unique-passwords',
        by: 'jane.doe@example.com',
        date: '2026-11-01',
        note: 'Password manager',
      },
    ],
  },
};

const ROSTER = {
  messy:
    'name,userName,email,employeeId,status\nMike Chen,mike.chen@acme-corp.example,mike.chen@acme-corp.example,1001,active\nIan Tern,intern,ian.tern@acme-corp.example,1002,left\n',
  hardened:
    'name,userName,email,employeeId,status\nJohn Smith,JS1234,js@example.com,1234,active\nAnn Brown,AB5678,ab@example.com,5678,active\nRita Ochoa,RO1000,ro@example.com,1000,active\nRon Olsen,RO1001,rolsen@example.com,1001,active\n',
};

// Every check of the catalog, as the built CLI reports it against moto for two accounts seeded through the real
// APIs: an inherited, messy one and a hardened one. A check missing from this table fails the test, so a new
// check comes with its moto expectation or a named reason it cannot have one.
const EXPECTED: Record<string, { messy: string; hardened: string }> = {
  'root-credentials-stored-safely': { messy: 'manual', hardened: 'pass' },
  // Neither seed sets up alerting; test/integration/root-usage-alarm.test.ts seeds both passing paths.
  'root-usage-alarm': { messy: 'fail', hardened: 'fail' },
  'iam-individual-users': { messy: 'pass', hardened: 'pass' },
  'iam-groups-grant-permissions': { messy: 'fail', hardened: 'pass' },
  'iam-password-policy': { messy: 'fail', hardened: 'pass' },
  'iam-password-policy-max-age': { messy: 'fail', hardened: 'pass' },
  'iam-console-users-mfa': { messy: 'fail', hardened: 'pass' },
  'iam-users-mfa': { messy: 'fail', hardened: 'fail+pass' },
  'iam-unused-credentials': { messy: 'pass', hardened: 'pass' },
  'iam-access-keys-rotated': { messy: 'pass', hardened: 'pass' },
  'iam-one-active-access-key': { messy: 'fail', hardened: 'pass' },
  'iam-no-access-keys-at-setup': { messy: 'fail', hardened: 'pass' },
  'iam-no-user-named-like-root-email': { messy: 'fail', hardened: 'pass' },
  'iam-no-shared-users': { messy: 'fail+pass', hardened: 'pass' },
  'iam-user-naming-standard': { messy: 'fail', hardened: 'pass' },
  'iam-users-map-to-people': { messy: 'fail+pass', hardened: 'pass' },
  'iam-support-role': { messy: 'fail', hardened: 'fail' },
  'iam-cloudshell-full-access': { messy: 'fail', hardened: 'pass' },
  'iam-account-alias': { messy: 'fail', hardened: 'pass' },
  'iam-unique-passwords': { messy: 'manual', hardened: 'pass' },
  // hardened: two admin users (JS1234, AB5678) are counted; the two read-only users who reach the Admin role only
  // with MFA are listed, not counted (2 of at most 3).
  'iam-admins-inventory': { messy: 'fail+pass', hardened: 'pass' },
  // messy: devops (inline *:*) has neither a password nor an access key, so no MFA device to ask of it (pass).
  'iam-admins-have-mfa': { messy: 'fail+pass', hardened: 'pass' },
  // The hardened seed gives its two admin users standing AdministratorAccess (as harden does for the first one);
  // messy's CloudShell user can change the account (cloudshell:*) without MFA: no read-only daily user either.
  'iam-admin-via-mfa-role': { messy: 'fail', hardened: 'fail' },
  'iam-privileged-roles-require-mfa': { messy: 'fail', hardened: 'pass' },
  'iam-admin-roles-closed-to-outsiders': { messy: 'fail', hardened: 'pass' },
  'iam-roles-closed-to-the-internet': { messy: 'fail', hardened: 'pass' },
  'iam-privilege-escalation': { messy: 'fail', hardened: 'pass' },
  'iam-no-full-admin-policies': { messy: 'fail', hardened: 'pass' },
  'cloudtrail-multi-region-enabled': { messy: 'fail', hardened: 'pass' },
  'cloudtrail-log-file-validation': { messy: 'fail', hardened: 'pass' },
  'cloudtrail-bucket-not-public': { messy: 'fail', hardened: 'pass' },
  'cloudtrail-bucket-admins-only': { messy: 'fail', hardened: 'pass' },
  'cloudtrail-bucket-access-logging': { messy: 'fail', hardened: 'fail' },
  'cloudtrail-kms-encryption': { messy: 'fail', hardened: 'fail' },
  'cloudtrail-cloudwatch-logs': { messy: 'fail', hardened: 'fail' },
  'billing-budget-alert': { messy: 'fail', hardened: 'fail' },
  'root-email-distribution-list': { messy: 'fail', hardened: 'pass' },
  'security-contact-registered': { messy: 'fail', hardened: 'pass' },
};

describe('the catalog table', () => {
  it('names every check: an expectation on moto or the reason moto cannot show it', () => {
    const listed = new Set([...Object.keys(EXPECTED), ...Object.keys(MOTO_CANNOT)]);
    expect(CHECKS.map((c) => c.id).filter((id) => !listed.has(id))).toEqual([]);
    expect([...listed].filter((id) => !CHECKS.some((c) => c.id === id))).toEqual([]);
  });
});

describeWithMoto('the whole catalog on moto (built CLI, accounts seeded through the real APIs)', (moto) => {
  // moto 5.2 has no account:ListRegions: without it the CloudTrail checks would also report that error for the
  // regions they cannot list. The Account API alone goes to the fake (two enabled regions, a contact), the rest to moto.
  let account: FakeBilling;
  beforeAll(async () => {
    account = await startFakeBilling(moto().endpoint);
  });
  afterAll(async () => {
    await account.stop();
  });
  for (const [name, seed] of [
    ['messy', seedMessyAccount],
    ['hardened', seedHardenedAccount],
  ] as const) {
    it(`${name} account: every check moto can exercise reports what it should`, async () => {
      await seed(moto().endpoint);
      const dir = mkdtempSync(join(tmpdir(), 'rampart-catalog-'));
      writeFileSync(join(dir, 'rampart.config.json'), JSON.stringify(CONFIG[name]));
      writeFileSync(join(dir, 'people.csv'), ROSTER[name]);
      const r = await runCliAsync(['audit', '--output', 'json', '--fail-on', 'none'], {
        env: cleanEnv({ ...motoEnv(moto().endpoint), AWS_ENDPOINT_URL_ACCOUNT: account.endpoint }),
        cwd: dir,
      });
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const got = outcomes(JSON.parse(r.stdout) as JsonReport);
      const want = Object.fromEntries(Object.entries(EXPECTED).map(([id, e]) => [id, e[name]]));
      const exercised = Object.fromEntries(Object.keys(EXPECTED).map((id) => [id, got[id]]));
      expect(exercised).toEqual(want);
      // The gaps still report (an error naming what is missing, or the state moto fakes), never vanish.
      for (const id of Object.keys(MOTO_CANNOT)) expect(got[id], id).toBeDefined();
    }, 120_000);
  }
});
