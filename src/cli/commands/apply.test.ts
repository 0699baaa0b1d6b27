import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepResult } from '../../remediation/apply.js';
import { buildPlan } from '../../remediation/plan.js';
import { TEST_INPUTS } from '../../remediation/testing.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { applyCommand, applyExitCode } from './apply.js';

const step = (outcome: StepResult['outcome']): StepResult => ({
  action: `a-${outcome}`,
  title: 't',
  outcome,
  changed: outcome === 'changed' || outcome === 'pending',
  message: '',
});

describe('apply exit code', () => {
  it('is 0 when every step ran, was already right, was skipped or declined, or is a manual root step', () => {
    expect(
      applyExitCode(
        ['changed', 'unchanged', 'skipped', 'declined', 'manual'].map((o) =>
          step(o as StepResult['outcome']),
        ),
      ),
    ).toBe(EXIT.ok);
  });

  it('is 3 (incomplete) when a step is pending (MFA waiting for codes) or failed', () => {
    expect(applyExitCode([step('changed'), step('pending'), step('manual')])).toBe(EXIT.incomplete);
    expect(applyExitCode([step('failed'), step('changed')])).toBe(EXIT.incomplete);
  });
});

describe('rampart apply PLAN: the warnings the plan carries', () => {
  const sts = mockClient(STSClient);
  afterEach(() => sts.reset());

  const WARNING =
    'The credential report could not be read (access denied: iam:GetCredentialReport): admin users’ MFA devices and last use are unknown.';

  /** Runs apply on a plan with no steps (nothing to change) and records stdout and stderr in one sequence. */
  async function applyPlanFile(warnings: string[] | undefined, quiet: boolean) {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-apply-warnings-'));
    const plan = buildPlan({
      accountId: '123456789012',
      partition: 'aws',
      region: 'us-east-1',
      callerArn: 'arn:aws:iam::123456789012:user/setup',
      createdAt: '2026-11-23T12:00:00.000Z',
      inputs: TEST_INPUTS,
      states: {},
      readErrors: {},
      findings: [],
      ...(warnings ? { warnings } : {}),
      actions: [],
      interactive: false,
    });
    if (!warnings) delete (plan as { warnings?: string[] }).warnings; // a plan saved before plans had them
    await writeFile(join(dir, 'plan.json'), JSON.stringify(plan));
    sts.on(GetCallerIdentityCommand).resolves({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/setup',
    });
    const seq: string[] = [];
    const stream = (name: string) => {
      const s = new PassThrough();
      s.on('data', (d: Buffer) =>
        seq.push(
          ...d
            .toString()
            .trimEnd()
            .split('\n')
            .map((l) => `${name}: ${l}`),
        ),
      );
      return s;
    };
    const io: CliIo = {
      stdout: stream('out'),
      stderr: stream('err'),
      env: {},
      cwd: dir,
      now: () => new Date('2026-11-24T09:00:00Z'),
    };
    const code = await applyCommand(
      join(dir, 'plan.json'),
      { yes: true, output: 'json', quiet, color: false },
      io,
    );
    return { code, seq };
  }

  it('repeats them on stderr, as harden printed them, before anything is applied', async () => {
    const { code, seq } = await applyPlanFile([WARNING], false);
    expect(code).toBe(0);
    const at = seq.indexOf(`err: warning: ${WARNING}`);
    expect(at).toBeGreaterThan(0);
    expect(seq[at - 1]).toBe(
      'err: The audit this plan was made from (2026-11-23T12:00:00.000Z) could not see or judge everything:',
    );
    // Before the journal is begun and the results are printed.
    expect(seq.findIndex((l) => l.startsWith('out: '))).toBeGreaterThan(at);
  });

  it('--quiet keeps the warnings (it drops progress, never a warning), not the line introducing them', async () => {
    const { seq } = await applyPlanFile([WARNING], true);
    expect(seq.filter((l) => l.startsWith('err: '))).toEqual([`err: warning: ${WARNING}`]);
  });

  it('prints no warning for a plan without any, or one saved before plans carried them', async () => {
    for (const warnings of [[], undefined]) {
      const { code, seq } = await applyPlanFile(warnings, false);
      expect(code).toBe(0);
      expect(seq.filter((l) => l.includes('warning:') || l.includes('could not see'))).toEqual([]);
    }
  });
});
