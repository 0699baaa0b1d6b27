import { regionProblem } from '../aws/regions.js';
import type { Finding } from '../checks/types.js';
import {
  adminUserNameProblem,
  aliasProblem,
  emailProblem,
  groupNameProblem,
  kmsKeyProblem,
  phoneProblem,
} from '../config/harden.js';
import {
  PLAN_VERSION,
  type HardenInputs,
  type Plan,
  type PlanStep,
  type RemediationAction,
} from './types.js';

export interface PlanInput {
  accountId: string;
  partition: string;
  region: string;
  callerArn: string;
  createdAt: string;
  inputs: HardenInputs;
  /** Live state of each action (from its `read`), keyed by action id. */
  states: Readonly<Record<string, unknown>>;
  /** Actions whose state could not be read, with the reason (e.g. the missing permission). */
  readErrors?: Readonly<Record<string, string>>;
  /** The audit's findings: which of each action's checks fail now. */
  findings: readonly Finding[];
  actions: readonly RemediationAction[];
  /** Whether someone can answer prompts during apply. */
  interactive: boolean;
  /** What the audit could not see or judge; kept in the plan for whoever reads its JSON. */
  warnings?: readonly string[];
}

/** A step Rampart only explains and verifies (root-only work). */
export function isManual(action: RemediationAction, env: { isRoot: boolean }): boolean {
  return typeof action.manual === 'function' ? action.manual(env) : action.manual === true;
}

export function isRootArn(arn: string): boolean {
  return /^arn:[^:]+:iam::\d{12}:root$/.test(arn);
}

/** PURE: states + findings + inputs -> the plan. Writes nothing, calls nothing. */
export function buildPlan(input: PlanInput): Plan {
  const env = { isRoot: isRootArn(input.callerArn), interactive: input.interactive };
  const ids = { accountId: input.accountId, region: input.region };
  const steps: PlanStep[] = input.actions.map((action) => {
    const failing = [
      ...new Set(
        input.findings
          .filter((f) => f.status === 'fail' && action.fixes.includes(f.checkId))
          .map((f) => f.checkId),
      ),
    ];
    const readError = input.readErrors?.[action.id];
    if (readError !== undefined || !(action.id in input.states)) {
      return {
        action: action.id,
        title: action.title,
        fixes: [...action.fixes],
        failing,
        before: null,
        describe: { before: [], after: [] },
        cost: action.cost,
        userImpact: action.userImpact,
        manual: isManual(action, env),
        satisfied: false,
        blocked: `cannot read the current state: ${readError ?? 'not read'}`,
      };
    }
    const state = input.states[action.id];
    const satisfied = action.satisfied(state, input.inputs);
    const blocked = satisfied ? undefined : action.blocked?.(state, input.inputs, env);
    return {
      action: action.id,
      title: action.title,
      fixes: [...action.fixes],
      failing,
      before: state,
      describe: action.describe(state, input.inputs, ids),
      cost: action.cost,
      userImpact: action.userImpact,
      manual: isManual(action, env),
      satisfied,
      ...(blocked ? { blocked: blocked.reason } : {}),
    };
  });
  return {
    kind: 'rampart-plan',
    version: PLAN_VERSION,
    createdAt: input.createdAt,
    accountId: input.accountId,
    partition: input.partition,
    region: input.region,
    callerArn: input.callerArn,
    inputs: input.inputs,
    steps,
    warnings: [...(input.warnings ?? [])],
  };
}

/**
 * What `rampart apply` cannot trust in a plan file the schema accepted: a region that is not one (an empty one would
 * fall back to the shell's), an input harden would have refused (the account
 * would be asked to make it, or apply would call the step drifted), an action this version does not know or one
 * named twice, a step whose words or "already done" its action would not write for its before-state and the plan's
 * inputs. Returns "field: problem", or undefined. Judged as harden judges its flags; the naming standard is the
 * config's, which a plan does not carry, so only IAM's own name rules apply to the admin user here.
 */
export function planProblem(plan: Plan, actions: readonly RemediationAction[]): string | undefined {
  if (plan.region.trim() === '') return 'region: expected an AWS region, got an empty value';
  const region = regionProblem(plan.region);
  if (region) return `region: ${region}`;
  const i = plan.inputs;
  const inputs: [string, string | undefined, (v: string) => string | undefined][] = [
    ['adminUser', i.adminUser, (v) => adminUserNameProblem(v, { sharedUserWords: [] })],
    ['adminGroup', i.adminGroup, groupNameProblem],
    ['alias', i.alias, aliasProblem],
    ['securityEmail', i.securityEmail, emailProblem],
    ['securityPhone', i.securityPhone, phoneProblem],
    ['trailKmsKeyId', i.trailKmsKeyId, kmsKeyProblem],
    [
      'secretsDir',
      i.secretsDir,
      (v) => (v.trim() === '' ? 'expected a directory path, got an empty value' : undefined),
    ],
  ];
  for (const [field, value, problem] of inputs) {
    const p = value === undefined ? undefined : problem(value);
    if (p) return `inputs.${field}: ${p}`;
  }
  const seen = new Set<string>();
  for (const [n, step] of plan.steps.entries()) {
    if (!actions.some((a) => a.id === step.action)) {
      return `steps.${n}.action: '${step.action}' is not a Rampart remediation action (see docs/actions/)`;
    }
    if (seen.has(step.action)) return `steps.${n}.action: '${step.action}' is planned twice`;
    seen.add(step.action);
  }
  // What the plan showed must be what apply does: each step's words and "already done" are what its action makes of
  // the state it was planned on and the plan's inputs (an edited input, say accessKeys, must not change the account
  // behind a plan that still reads "No access keys").
  const ids = { accountId: plan.accountId, region: plan.region };
  for (const [n, step] of plan.steps.entries()) {
    const action = actions.find((a) => a.id === step.action);
    if (!action || step.before === null) continue;
    const edited = `does not match what ${step.action} makes of the step's before-state and the plan's inputs (the file was edited, or written by another version of Rampart)`;
    try {
      if (action.satisfied(step.before, plan.inputs) !== step.satisfied)
        return `steps.${n}.satisfied: ${edited}`;
      if (stableJson(action.describe(step.before, plan.inputs, ids)) !== stableJson(step.describe)) {
        return `steps.${n}.describe: ${edited}`;
      }
    } catch {
      return `steps.${n}.before: not a state ${step.action} reads (the file was edited, or written by another version of Rampart)`;
    }
  }
  return undefined;
}

/** Deterministic JSON (sorted keys) for comparing states. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
