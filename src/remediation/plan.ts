import type { Finding } from '../checks/types.js';
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
