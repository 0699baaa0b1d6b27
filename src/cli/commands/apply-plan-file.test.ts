import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../remediation/actions/index.js';
import { buildPlan } from '../../remediation/plan.js';
import { TEST_INPUTS } from '../../remediation/testing.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { applyCommand } from './apply.js';

describe('rampart apply PLAN: a plan file harden would not have written', () => {
  const sts = mockClient(STSClient);
  afterEach(() => sts.reset());

  /** A valid plan of every action (states unread), edited by `edit`, applied with --yes. */
  async function applyEdited(
    edit: (plan: Record<string, unknown>) => void,
    states: Record<string, unknown> = {},
  ) {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-apply-edited-'));
    const plan = buildPlan({
      accountId: '123456789012',
      partition: 'aws',
      region: 'eu-west-1',
      callerArn: 'arn:aws:iam::123456789012:user/setup',
      createdAt: '2026-11-23T12:00:00.000Z',
      inputs: TEST_INPUTS,
      states,
      findings: [],
      actions: ACTIONS,
      interactive: false,
    });
    const json = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
    edit(json);
    await writeFile(join(dir, 'plan.json'), JSON.stringify(json));
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/x' });
    const io: CliIo = {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      env: { AWS_REGION: 'us-east-1' },
      cwd: dir,
      now: () => new Date('2026-11-24T09:00:00Z'),
    };
    return applyCommand(join(dir, 'plan.json'), { yes: true, output: 'json' }, io);
  }

  const inputs = (plan: Record<string, unknown>) => plan.inputs as Record<string, unknown>;
  const steps = (plan: Record<string, unknown>) => plan.steps as { action: string }[];

  it.each([
    [
      'an empty region (never the shell’s instead)',
      (p: Record<string, unknown>) => (p.region = ''),
      'region: expected an AWS region, got an empty value',
    ],
    [
      'a region that is not one',
      (p: Record<string, unknown>) => (p.region = 'eu-west-9'),
      "region: 'eu-west-9' is not an AWS region",
    ],
    [
      'an admin user IAM refuses',
      (p: Record<string, unknown>) => (inputs(p).adminUser = 'J Smith'),
      "inputs.adminUser: 'J Smith' is not a valid IAM user name",
    ],
    [
      'an admin group IAM refuses',
      (p: Record<string, unknown>) => (inputs(p).adminGroup = 'Admins!'),
      "inputs.adminGroup: 'Admins!' is not a valid IAM group name",
    ],
    [
      'an alias IAM refuses',
      (p: Record<string, unknown>) => (inputs(p).alias = 'Acme_Prod'),
      "inputs.alias: 'Acme_Prod' may hold only lower-case letters",
    ],
    [
      'an email that is not one',
      (p: Record<string, unknown>) => (inputs(p).securityEmail = 'security'),
      "inputs.securityEmail: 'security' is not an email address",
    ],
    [
      'an empty secrets directory',
      (p: Record<string, unknown>) => (inputs(p).secretsDir = ''),
      'inputs.secretsDir: expected a directory path, got an empty value',
    ],
    [
      'an action this version does not know',
      (p: Record<string, unknown>) => ((steps(p)[2] as { action: string }).action = 'root-delete-everything'),
      "steps.2.action: 'root-delete-everything' is not a Rampart remediation action",
    ],
    [
      'an action planned twice',
      (p: Record<string, unknown>) => steps(p).push(steps(p)[0] as { action: string }),
      "steps.14.action: 'iam-create-admin-group' is planned twice",
    ],
  ])(
    'refuses %s: one line naming the file and field, exit 2, before any AWS call',
    async (_what, edit, message) => {
      const failure = applyEdited(edit);
      await expect(failure).rejects.toThrow(`plan.json: ${message}`);
      await expect(failure).rejects.toMatchObject({ exitCode: EXIT.usage });
      await expect(failure).rejects.toThrow(/make a fresh plan with rampart harden --plan-out$/);
      expect(sts.calls()).toHaveLength(0);
    },
  );

  // The admin user step as planned on an account without the user (create it, with no access keys), and the trail
  // step on one without a trail.
  const NO_USER = {
    'iam-create-admin-user': {
      user: 'JSmith',
      group: 'Administrators',
      exists: false,
      inGroup: false,
      console: false,
      accessKeys: 0,
    },
    'cloudtrail-create-trail': { trails: [] },
  };
  const userStep = (p: Record<string, unknown>) =>
    (p.steps as Record<string, unknown>[]).find((s) => s.action === 'iam-create-admin-user') ?? {};

  it.each([
    [
      'an input edited so the step would do more than the plan shows (access keys behind "No access keys")',
      (p: Record<string, unknown>) => (inputs(p).accessKeys = true),
      'steps.1.describe: does not match what iam-create-admin-user makes of the step',
    ],
    [
      'a step to change edited to read "already done"',
      (p: Record<string, unknown>) => (userStep(p).satisfied = true),
      'steps.1.satisfied: does not match what iam-create-admin-user makes of the step',
    ],
    [
      'a step whose words were edited',
      (p: Record<string, unknown>) => (userStep(p).describe = { before: [], after: ['Nothing much.'] }),
      'steps.1.describe: does not match',
    ],
    [
      'a before-state its action cannot read',
      (p: Record<string, unknown>) => {
        const trail = (p.steps as Record<string, unknown>[])[7];
        if (trail) trail.before = { trail: 'rampart-trail' };
      },
      'steps.7.before: not a state cloudtrail-create-trail reads',
    ],
  ])('refuses %s, before any AWS call', async (_what, edit, message) => {
    const failure = applyEdited(edit, NO_USER);
    await expect(failure).rejects.toThrow(`plan.json: ${message}`);
    await expect(failure).rejects.toMatchObject({ exitCode: EXIT.usage });
    expect(sts.calls()).toHaveLength(0);
  });

  it('applies the same plan unedited (the cases above fail only for their edit)', async () => {
    // Every step of this plan is skipped (no state was read): nothing to change, exit 0.
    await expect(applyEdited(() => undefined)).resolves.toBe(EXIT.ok);
    expect(sts.calls()).toHaveLength(1);
  });
});
