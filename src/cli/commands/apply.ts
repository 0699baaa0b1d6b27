import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { ClientPool } from '../../aws/clients.js';
import { colors, type Colors } from '../../report/render/colors.js';
import { InputError, readInputFile, writePrivateFile } from '../../snapshot/io.js';
import { ACTIONS } from '../../remediation/actions/index.js';
import { applyPlan, ApplyRefused, type StepResult } from '../../remediation/apply.js';
import { shellWord } from '../../remediation/errors.js';
import { JournalError, openJournal } from '../../remediation/journal.js';
import { prepareSecretsDir } from '../../remediation/secrets.js';
import { canPrompt, ClackPrompter, PromptCancelled, type Prompter } from '../../remediation/prompter.js';
import { planProblem } from '../../remediation/plan.js';
import { planSchema, type Plan } from '../../remediation/types.js';
import { TOOL } from '../../version.js';
import { CliError, EXIT } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { identityFailure, openSession, type AwsFlags } from '../live.js';
import { parseChoice } from './audit.js';
import { APPLY_OUTPUTS } from '../choices.js';
import { parseJsonOr } from '../../json-problem.js';
import { checkOutputPath } from '../output-path.js';

export { APPLY_OUTPUTS };

export interface ApplyFlags extends AwsFlags {
  yes?: boolean;
  journal?: string;
  output: string;
  color?: boolean;
  quiet?: boolean;
}

/** Refuses early when nobody can confirm and --yes was not given. */
export function makePrompter(io: CliIo, yes: boolean): Prompter {
  const interactive = canPrompt(io.stdin ?? {}, io.stderr, io.env);
  if (!interactive && !yes) {
    throw new CliError(
      'refusing to change the account without confirmation: there is no terminal to ask on (or CI is set); pass --yes to apply every step',
    );
  }
  return new ClackPrompter(interactive, yes, io.stderr);
}

export function defaultJournal(io: CliIo, accountId: string): string {
  const stamp = io.now().toISOString().replace(/[:.]/g, '-');
  return join(io.cwd, `rampart-journal-${accountId}-${stamp}.jsonl`);
}

export async function readPlanFile(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await readInputFile(file, 'a plan JSON file (rampart harden --plan-out)');
  } catch (err) {
    if (err instanceof InputError) throw new CliError(err.message);
    throw err;
  }
  const json = parseJsonOr(text, (why) => new CliError(`${file}: not valid JSON: ${why}`));
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new CliError(`${file}: not a Rampart plan (at ${where}: ${issue?.message ?? 'invalid'})`);
  }
  const problem = planProblem(parsed.data, ACTIONS);
  if (problem) throw new CliError(`${file}: ${problem}; make a fresh plan with rampart harden --plan-out`);
  return parsed.data;
}

const MARK: Record<StepResult['outcome'], string> = {
  changed: '✔',
  unchanged: '=',
  skipped: '–',
  declined: '–',
  failed: '✘',
  manual: '☐',
  pending: '…',
};

export function renderResults(
  results: StepResult[],
  journal: string,
  format: 'table' | 'json',
  color: Colors,
): string {
  if (format === 'json') {
    return `${JSON.stringify({ journal, steps: results }, null, 2)}\n`;
  }
  const paint = (r: StepResult): string =>
    r.outcome === 'changed'
      ? color.green(MARK.changed)
      : r.outcome === 'failed'
        ? color.red(MARK.failed)
        : r.outcome === 'manual' || r.outcome === 'pending'
          ? color.yellow(MARK[r.outcome])
          : color.gray(MARK[r.outcome]);
  const lines = results.map((r) => `${paint(r)} ${r.action.padEnd(29)} ${r.outcome.padEnd(9)} ${r.message}`);
  const changed = results.filter((r) => r.changed).length;
  const failed = results.filter((r) => r.outcome === 'failed').length;
  const manual = results.filter((r) => r.outcome === 'manual').length;
  const pending = results.filter((r) => r.outcome === 'pending').length;
  lines.push(
    '',
    `${changed} step(s) changed the account, ${failed} failed, ${manual} manual${pending > 0 ? `, ${pending} pending (finish with the command above)` : ''}. Journal: ${journal} (undo with \`rampart rollback ${journal}\`).`,
  );
  return `${lines.join('\n')}\n`;
}

/** Applies a plan with the CLI's prompter, journal and files; prints the steps; returns the exit code. */
export async function runApply(args: {
  plan: Plan;
  pool: ClientPool;
  identity: { Account: string; Arn: string };
  prompter: Prompter;
  journalFile: string;
  format: 'table' | 'json';
  io: CliIo;
  msg: Messages;
  color: boolean;
  /** `rampart harden --apply --yes` with this run's AWS flags and --config, for steps that end pending. */
  rerun: string;
  mfaCodes?: readonly [string, string];
}): Promise<number> {
  const { io, msg, plan } = args;
  let journal;
  try {
    journal = await openJournal(args.journalFile);
  } catch (err) {
    if (err instanceof JournalError) throw new CliError(err.message);
    throw err;
  }
  const secretsDir = resolve(io.cwd, plan.inputs.secretsDir);
  let results: StepResult[];
  try {
    results = await applyPlan({
      plan,
      actions: ACTIONS,
      pool: args.pool,
      identity: args.identity,
      prompter: args.prompter,
      journal,
      say: (line) => {
        msg.info(line);
      },
      // Where a secret went is never progress: --quiet keeps it.
      tell: (line) => {
        io.stderr.write(`${line}\n`);
      },
      now: io.now,
      prepareSecretsDir: () => prepareSecretsDir(secretsDir),
      writeSecretFile: async (name, content) => {
        await mkdir(secretsDir, { recursive: true, mode: 0o700 });
        const file = join(secretsDir, name);
        await writePrivateFile(file, content);
        return file;
      },
      readSecretFile: async (name) => {
        try {
          return await readFile(join(secretsDir, name), 'utf8');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw err;
        }
      },
      rerun: args.rerun,
      ...(args.mfaCodes ? { mfaCodes: args.mfaCodes } : {}),
      randomBytes: (n) => randomBytes(n),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      tool: `${TOOL.name} ${TOOL.version}`,
      onStep: (r, i, total) => {
        msg.info(`  [${i + 1}/${total}] ${r.action}: ${r.outcome}`);
      },
    });
  } catch (err) {
    if (err instanceof ApplyRefused) throw new CliError(`apply refused: ${err.message}`);
    if (err instanceof PromptCancelled) {
      throw new CliError(
        `cancelled; the journal ${args.journalFile} records what was done`,
        EXIT.interrupted,
      );
    }
    throw err;
  }
  io.stdout.write(renderResults(results, args.journalFile, args.format, colors(args.color)));
  return applyExitCode(results);
}

/**
 * 3 (incomplete) when a step failed or is pending (started, waiting for the person, e.g. MFA codes): a script must
 * not read either as done. Manual root-only steps do not count: only root can do them, the audit verifies them.
 */
export function applyExitCode(results: readonly StepResult[]): number {
  return results.some((r) => r.outcome === 'failed' || r.outcome === 'pending') ? EXIT.incomplete : EXIT.ok;
}

/** `rampart harden --apply --yes` with the AWS flags and --config of this run, each shell-quoted. */
export function rerunCommand(flags: AwsFlags & { config?: string }): string {
  const words = ['rampart', 'harden', '--apply', '--yes'];
  if (flags.profile !== undefined) words.push('--profile', flags.profile);
  if (flags.region !== undefined) words.push('--region', flags.region);
  if (flags.endpointUrl !== undefined) words.push('--endpoint-url', flags.endpointUrl);
  if (flags.config !== undefined) words.push('--config', flags.config);
  return words.map(shellWord).join(' ');
}

export async function callerIdentity(pool: ClientPool): Promise<{ Account: string; Arn: string }> {
  try {
    const out = await pool.client(STSClient).send(new GetCallerIdentityCommand({}));
    return { Account: out.Account ?? '', Arn: out.Arn ?? '' };
  } catch (err) {
    throw identityFailure(err, pool.settings);
  }
}

/**
 * What the audit behind the plan could not see or judge, saved in it by `rampart harden`: repeated on stderr
 * before anything is applied, in the words harden printed them. Warnings, so `--quiet` keeps them (it drops
 * only the line saying where they come from), as it keeps harden's.
 */
export function printPlanWarnings(plan: Plan, msg: Messages): void {
  const warnings = plan.warnings ?? [];
  if (warnings.length === 0) return;
  msg.info(
    msg.c.dim(`The audit this plan was made from (${plan.createdAt}) could not see or judge everything:`),
  );
  for (const w of warnings) msg.warn(w);
}

/** `rampart apply PLAN`: applies a plan saved with `rampart harden --plan-out`. */
export async function applyCommand(planFile: string, flags: ApplyFlags, io: CliIo): Promise<number> {
  const format = parseChoice(flags.output, APPLY_OUTPUTS, '--output');
  const read = await readPlanFile(planFile);
  // apply has no --show-secrets: a plan file (perhaps edited) cannot make it print the password.
  const plan = { ...read, inputs: { ...read.inputs, showSecrets: false } };
  const prompter = makePrompter(io, flags.yes ?? false);
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  // The plan's regional steps (trail, topic, rules) were planned on that region's state.
  if (flags.region !== undefined && flags.region !== plan.region) {
    throw new CliError(
      `--region ${flags.region}: ${planFile} was made for region ${plan.region}; drop --region to apply it there, or make a plan for ${flags.region} with rampart harden --region ${flags.region}`,
    );
  }
  await checkOutputPath('--journal', flags.journal, io.cwd);
  const pool = await openSession({ ...flags, region: plan.region }, io, msg);
  const identity = await callerIdentity(pool);
  printPlanWarnings(plan, msg);
  return runApply({
    plan,
    pool,
    identity,
    prompter,
    journalFile: resolve(io.cwd, flags.journal ?? defaultJournal(io, plan.accountId)),
    format,
    io,
    msg,
    color: useColor(flags.color, io.stdout, io.env),
    // The finishing command runs harden where this plan applies, not in the shell's default region.
    rerun: rerunCommand({ ...flags, region: plan.region }),
  });
}
