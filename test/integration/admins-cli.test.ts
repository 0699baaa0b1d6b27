import { AttachUserPolicyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cleanEnv, runCli } from '../e2e/run-cli.js';
import { MOTO_ACCOUNT_ID, motoEnv, sdkConfig } from './accounts.js';
import { seedMessyAccount } from './messy-account.js';
import { describeWithMoto } from './setup.js';

interface AdminsJson {
  accountId: string;
  admins: { name: string; type: string; tier: string; access: string; paths: { method: string }[] }[];
}

// The built CLI, as a user runs it, against moto_server on 127.0.0.1.
describeWithMoto('rampart admins (built CLI) against moto_server', (moto) => {
  it('lists the messy account admins, collecting only what the analysis reads', async () => {
    await seedMessyAccount(moto().endpoint);
    const env = cleanEnv(motoEnv(moto().endpoint));
    const r = runCli(['admins', '--output', 'json'], { env });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as AdminsJson;
    expect(report.accountId).toBe(MOTO_ACCOUNT_ID);
    const tier = Object.fromEntries(report.admins.map((a) => [`${a.type} ${a.name}`, a.tier]));
    expect(tier).toMatchObject({
      'user admin': 'full',
      'user devops': 'full',
      'user ci-bot': 'full',
      'user intern': 'iam-admin',
    });
    // The progress on stderr names every slice collected: the analysis' five, nothing an audit adds.
    const collected = [...r.stderr.matchAll(/^\s+[✔✘] (\w+)/gmu)].map((m) => m[1]).sort();
    expect(collected).toEqual([
      'authorizationDetails',
      'credentialReport',
      'organization',
      'resourceControlPolicies',
      'serviceControlPolicies',
    ]);

    // The same answer as from a full collection.
    const file = join(mkdtempSync(join(tmpdir(), 'rampart-admins-it-')), 'snap.json');
    expect(runCli(['collect', '--out', file], { env }).code).toBe(0);
    const offline = runCli(['admins', '--snapshot', file, '--output', 'json']);
    // Only where the list comes from differs.
    expect(JSON.parse(offline.stdout)).toEqual({ ...report, source: 'snapshot' });
    expect(report).toMatchObject({ source: 'live' });

    // Next week, live: nothing changed since that snapshot (exit 0) ...
    const same = runCli(['admins', '--since', file], { env });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(`No change since ${file}: the same ${report.admins.length} users`);
    // ... until someone is made admin: new, exit 1.
    const iam = new IAMClient(sdkConfig(moto().endpoint));
    await iam.send(new CreateUserCommand({ UserName: 'new-admin' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'new-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })); // prettier-ignore
    const changed = runCli(['admins', '--since', file], { env });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/new +user +new-admin .*full admin, no MFA needed/);
  });
});
