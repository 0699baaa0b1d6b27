import { describeAwsFailure, StepPending } from './errors.js';
import type { Journal } from './journal.js';
import { isManual, isRootArn, stableJson } from './plan.js';
import { NotInteractive, PromptCancelled, type Prompter } from './prompter.js';
import type { ActionContext, Change, Plan, RemediationAction } from './types.js';
import type { ClientPool } from '../aws/clients.js';

export type StepOutcome =
  | 'changed'
  | 'unchanged'
  | 'skipped'
  | 'declined'
  | 'failed'
  | 'manual'
  /** Started; the person must finish it (the message says how). */
  | 'pending';

export interface StepResult {
  action: string;
  title: string;
  outcome: StepOutcome;
  /** Whether the step changed anything in the account. */
  changed: boolean;
  message: string;
}

export interface ApplyOptions {
  plan: Plan;
  actions: readonly RemediationAction[];
  pool: ClientPool;
  /** From sts:GetCallerIdentity, read just before applying. */
  identity: { Account: string; Arn: string };
  prompter: Prompter;
  journal: Journal;
  say: (line: string) => void;
  /** Lines --quiet keeps (where a secret went); default: `say`. */
  tell?: (line: string) => void;
  now: () => Date;
  prepareSecretsDir: ActionContext['prepareSecretsDir'];
  writeSecretFile: ActionContext['writeSecretFile'];
  readSecretFile: ActionContext['readSecretFile'];
  /** `--mfa-codes` (never journaled). */
  mfaCodes?: ActionContext['mfaCodes'];
  /** How to run harden again the same way (for steps that end pending). */
  rerun: string;
  randomBytes: ActionContext['randomBytes'];
  sleep: ActionContext['sleep'];
  tool: string;
  /** Called after each step (progress output). */
  onStep?: (result: StepResult, index: number, total: number) => void;
}

/** Apply refused to start: nothing was changed. */
export class ApplyRefused extends Error {
  override name = 'ApplyRefused';
}

function findAction(actions: readonly RemediationAction[], id: string): RemediationAction {
  const action = actions.find((a) => a.id === id);
  if (!action) throw new ApplyRefused(`the plan names an unknown action '${id}'`);
  return action;
}

/**
 * Applies a plan step by step. Refuses a plan for another account, or one whose before-state changed since.
 * Each step re-reads live state, skips what is already right, asks, applies, verifies, and journals.
 */
export async function applyPlan(options: ApplyOptions): Promise<StepResult[]> {
  const { plan, journal, prompter, say } = options;
  if (options.identity.Account !== plan.accountId) {
    throw new ApplyRefused(
      `the plan was made for account ${plan.accountId}, but these credentials belong to account ${options.identity.Account}`,
    );
  }
  const begin = journal.begin;
  if (begin && begin.accountId !== plan.accountId) {
    throw new ApplyRefused(
      `journal ${journal.file} belongs to account ${begin.accountId}, not ${plan.accountId}`,
    );
  }
  // Rollback undoes a journal in the region its run began in: one journal, one region.
  if (begin && begin.region !== plan.region) {
    throw new ApplyRefused(
      `journal ${journal.file} records a run in region ${begin.region}, not ${plan.region} (the plan's); pass a new --journal file`,
    );
  }
  if (journal.completed) {
    throw new ApplyRefused(
      `journal ${journal.file} records a finished run; pass a new --journal file (or roll that run back)`,
    );
  }
  const isRoot = isRootArn(options.identity.Arn);
  const interactive = prompter.interactive;
  // What an interrupted run changed and a rollback has not undone since: still in the account.
  const undone = journal.undoneIndexes();
  const prior = journal.changes().filter((c) => !undone.has(c.index));
  const makeCtx = (actionId: string): ActionContext => ({
    pool: options.pool,
    accountId: plan.accountId,
    partition: plan.partition,
    region: plan.region,
    callerArn: options.identity.Arn,
    inputs: plan.inputs,
    prompter,
    say,
    tell: options.tell ?? say,
    record: (change: Change) =>
      journal.append({ type: 'change', at: options.now().toISOString(), action: actionId, change }),
    prior: prior.filter((p) => p.action === actionId).map((p) => p.change),
    prepareSecretsDir: options.prepareSecretsDir,
    writeSecretFile: options.writeSecretFile,
    readSecretFile: options.readSecretFile,
    ...(options.mfaCodes ? { mfaCodes: options.mfaCodes } : {}),
    rerun: options.rerun,
    randomBytes: options.randomBytes,
    sleep: options.sleep,
  });

  // Before anything changes: every step must find the state it was planned on, or one already right. A step
  // the plan showed as done that is no longer done is drift too (apply would change what the plan did not
  // show). Steps an interrupted run (the journal) already changed are expected to differ.
  const started = new Set(prior.map((p) => p.action));
  const drifted: string[] = [];
  for (const step of plan.steps) {
    const action = findAction(options.actions, step.action);
    if (step.blocked !== undefined || step.manual || started.has(action.id)) continue;
    try {
      const state = await action.read(makeCtx(action.id));
      if (!action.satisfied(state, plan.inputs) && stableJson(state) !== stableJson(step.before)) {
        drifted.push(action.id);
      }
    } catch {
      // Reported per step below, where the failing permission is named.
    }
  }
  if (drifted.length > 0) {
    throw new ApplyRefused(
      `the account changed since the plan was made (${drifted.join(', ')}); run \`rampart harden\` again for a fresh plan`,
    );
  }

  if (!begin) {
    await journal.append({
      type: 'begin',
      at: options.now().toISOString(),
      accountId: plan.accountId,
      partition: plan.partition,
      region: plan.region,
      tool: options.tool,
    });
  } else {
    say(`Resuming the interrupted run recorded in ${journal.file} (${prior.length} change(s) so far).`);
  }

  const results: StepResult[] = [];
  const total = plan.steps.length;
  for (const [i, step] of plan.steps.entries()) {
    const action = findAction(options.actions, step.action);
    const ctx = makeCtx(action.id);
    // The plan said this step would be skipped: it never showed what it would change, so it changes nothing.
    const result: StepResult =
      step.blocked !== undefined
        ? {
            action: action.id,
            title: step.title,
            outcome: 'skipped',
            changed: false,
            message: `skipped as planned: ${step.blocked}`,
          }
        : await runStep(action, step.title, ctx, { isRoot, interactive }, options, i, total);
    results.push(result);
    await journal.append({
      type: 'step',
      at: options.now().toISOString(),
      action: action.id,
      outcome: result.outcome,
      message: result.message,
    });
    options.onStep?.(result, i, total);
  }
  await journal.append({ type: 'completed', at: options.now().toISOString() });
  return results;
}

async function runStep(
  action: RemediationAction,
  title: string,
  ctx: ActionContext,
  env: { isRoot: boolean; interactive: boolean },
  options: ApplyOptions,
  index: number,
  total: number,
): Promise<StepResult> {
  const base = { action: action.id, title };
  const inputs = ctx.inputs;
  // What this step journaled in the interrupted run this one resumes is in the account whatever the step does now.
  const earlier = ctx.prior.length;
  // Counts what this step journals, so a step that fails halfway still reports what it changed.
  let recorded = 0;
  const record = ctx.record;
  ctx = {
    ...ctx,
    record: async (change) => {
      await record(change);
      recorded++;
    },
  };
  // A step that changes nothing now still reports what the interrupted run journaled for it: the summary counts it
  // and the person knows to roll it back.
  const noChange = (outcome: StepOutcome, message: string): StepResult =>
    earlier === 0
      ? { ...base, outcome, changed: false, message }
      : {
          ...base,
          outcome,
          changed: true,
          message: `${message}; the interrupted run journaled ${changes(earlier)} (undo with rampart rollback)`,
        };
  let state: unknown;
  try {
    state = await action.read(ctx);
  } catch (err) {
    return noChange('failed', `cannot read the current state: ${describeAwsFailure(err)}`);
  }
  if (action.satisfied(state, inputs)) return noChange('unchanged', 'already in place');
  const ids = { accountId: ctx.accountId, region: ctx.region };
  if (isManual(action, env)) return noChange('manual', action.describe(state, inputs, ids).after.join(' '));
  const blocked = action.blocked?.(state, inputs, env);
  if (blocked) return noChange('skipped', blocked.reason);

  try {
    const description = action.describe(state, inputs, ids);
    if (!options.prompter.assumeYes) {
      options.say(`\nStep ${index + 1}/${total}: ${title}`);
      for (const line of description.after) options.say(`  • ${line}`);
      if (!(await options.prompter.confirm(`Apply "${title}"?`))) {
        return noChange('declined', 'declined at the prompt');
      }
    }
    await action.apply(ctx, state);
    if (action.verify) await action.verify(ctx);
    else {
      const after = await action.read(ctx);
      if (!action.satisfied(after, inputs)) {
        throw new Error('the change was made but the account does not show it yet (verification failed)');
      }
    }
    return { ...base, outcome: 'changed', changed: true, message: description.after.join(' ') };
  } catch (err) {
    if (err instanceof PromptCancelled) throw err;
    const journaled = earlier + recorded;
    if (err instanceof StepPending) {
      return { ...base, outcome: 'pending', changed: err.changed || journaled > 0, message: err.message };
    }
    // What the step created before it stopped is in the journal: say so, so the person knows to roll it back.
    const byEarlier =
      earlier === 0
        ? ''
        : recorded === 0
          ? ', by the interrupted run'
          : `, ${earlier} by the interrupted run`;
    const partly =
      journaled > 0
        ? `partly done: ${changes(journaled)} journaled${byEarlier} (undo with rampart rollback); `
        : '';
    const changed = journaled > 0;
    if (err instanceof NotInteractive) {
      return { ...base, outcome: 'skipped', changed, message: `${partly}${err.message}` };
    }
    return { ...base, outcome: 'failed', changed, message: `${partly}${describeAwsFailure(err)}` };
  }
}

function changes(n: number): string {
  return `${n} change${n === 1 ? '' : 's'}`;
}
