import { z } from 'zod';
import type { ClientPool } from '../aws/clients.js';
import type { Prompter } from './prompter.js';

/** What the person running `rampart harden` asked for (flags, config or prompts). Stored in plans. */
export const hardenInputsSchema = z.object({
  adminGroup: z.string().min(1),
  adminUser: z.string().min(1).optional(),
  alias: z.string().min(1).optional(),
  securityEmail: z.string().min(3).optional(),
  /** Phone number for the security alternate contact (AWS requires one). */
  securityPhone: z.string().min(1).optional(),
  /** Create access keys for the new admin user (off by default). */
  accessKeys: z.boolean(),
  /**
   * The config's `thresholds.passwordMinLength` and `passwordReusePrevention`: the password policy harden sets is
   * the one `iam-password-policy` checks. Absent (plans from before they were recorded): CIS's 14 and 24.
   */
  passwordMinLength: z.number().int().min(6).max(128).optional(),
  passwordReusePrevention: z.number().int().min(1).max(24).optional(),
  /** Password expiry in days; absent: passwords do not expire. */
  passwordMaxAgeDays: z.number().int().min(1).max(1095).optional(),
  /** Encrypt the trail's logs with this existing KMS key (ARN or alias). */
  trailKmsKeyId: z.string().min(1).optional(),
  /** Also deliver the trail to CloudWatch Logs (creates a log group and a role for CloudTrail). */
  trailCloudWatchLogs: z.boolean(),
  /** Directory for credentials files and MFA QR codes (mode 0600 files). */
  secretsDir: z.string(),
  /** Print the generated password on stderr too (`--show-secrets`). */
  showSecrets: z.boolean(),
});
export type HardenInputs = z.infer<typeof hardenInputsSchema>;

/** JSON-serialisable value (state snapshots in plans and journals). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One thing an action created or changed, with enough data to undo it. Never holds a secret. */
export interface Change {
  kind: string;
  [key: string]: unknown;
}

/** Everything an action may use while it runs against the live account. */
export interface ActionContext {
  pool: ClientPool;
  accountId: string;
  partition: string;
  region: string;
  /** The caller's ARN (…:root when running as the root user). */
  callerArn: string;
  inputs: HardenInputs;
  prompter: Prompter;
  /** Progress and guidance lines (stderr; --quiet drops them). */
  say: (line: string) => void;
  /** Lines the person must see even with --quiet (stderr): where a secret was written, the password with --show-secrets. */
  tell: (line: string) => void;
  /** Appends a change to the journal right away, so an interrupted step can still be undone. */
  record: (change: Change) => Promise<void>;
  /** Changes this action journaled in an earlier, interrupted run of the same journal, less those rolled back since. */
  prior: readonly Change[];
  /**
   * Makes sure the secrets directory exists (mode 0700) and is writable; throws a one-line error otherwise. A step
   * calls it before any AWS change whose secret only a file will hold. Returns the directory's absolute path.
   */
  prepareSecretsDir: () => Promise<string>;
  /** Writes a file only its owner can read (mode 0600) in the secrets directory; returns the absolute path. */
  writeSecretFile: (name: string, content: string | Uint8Array) => Promise<string>;
  /** Reads back a file written by writeSecretFile (an earlier run's); undefined when it does not exist. */
  readSecretFile: (name: string) => Promise<string | undefined>;
  /** `--mfa-codes`: two consecutive codes that finish a pending MFA device without a terminal. Never journaled. */
  mfaCodes?: readonly [string, string];
  /** The command that re-runs harden the same way (AWS flags, --config), for steps that must be finished later. */
  rerun: string;
  randomBytes: (n: number) => Uint8Array;
  sleep: (ms: number) => Promise<void>;
}

/** Context for undo: no prompts for inputs, no secrets. */
export type UndoContext = Pick<
  ActionContext,
  'pool' | 'accountId' | 'partition' | 'region' | 'callerArn' | 'say' | 'sleep'
> & {
  /** Every change the journal records (any action, undone or not): what Rampart itself did in this run. */
  journaled: readonly { action: string; change: Change }[];
};

/** Why a step will not run automatically. */
export interface Blocked {
  reason: string;
}

export interface StepDescription {
  /** What exists now, in words. */
  before: string[];
  /** What will change, in words. */
  after: string[];
}

/**
 * One remediation action: one file under actions/, its IAM permissions declared for `rampart permissions`.
 * `read` sees live state; `satisfied`, `describe` and `blocked` are pure; `apply` changes the account and
 * journals each change through ctx.record; `undo` reverses one journaled change.
 */
export interface RemediationAction<S = unknown> {
  id: string;
  title: string;
  /** Check ids this action makes pass. */
  fixes: readonly string[];
  /** Every change kind apply journals and undo reverses: rollback refuses a journal with any other. */
  changeKinds: readonly string[];
  /** IAM actions read + apply + undo call. */
  permissions: readonly string[];
  /** Root-only guided step: Rampart explains and verifies on the next audit, it does not act. */
  manual?: boolean | ((env: { isRoot: boolean }) => boolean);
  /** Plain words: what it costs. */
  cost: string;
  /** Plain words: whether users notice. */
  userImpact: string;
  /** Actions that must run first (their ids). */
  after?: readonly string[];
  read(ctx: ActionContext): Promise<S>;
  satisfied(state: S, inputs: HardenInputs): boolean;
  /** A reason this step cannot run with these inputs/caller (missing flag, not root, no TTY…). */
  blocked?(
    state: S,
    inputs: HardenInputs,
    env: { isRoot: boolean; interactive: boolean },
  ): Blocked | undefined;
  describe(state: S, inputs: HardenInputs, ids: { accountId: string; region: string }): StepDescription;
  apply(ctx: ActionContext, state: S): Promise<void>;
  /** Postcondition after apply; default: re-read and `satisfied`. Throws with a message when it does not hold. */
  verify?(ctx: ActionContext): Promise<void>;
  /** Reverses one change. A returned note (e.g. "kept: 12 objects in s3://…") goes to the output and the journal. */
  undo(ctx: UndoContext, change: Change): Promise<string | undefined>;
}

export function defineAction<S>(action: RemediationAction<S>): RemediationAction<S> {
  return action;
}

export const PLAN_VERSION = 1;

export const planStepSchema = z.object({
  action: z.string(),
  title: z.string(),
  fixes: z.array(z.string()),
  /** Check ids among `fixes` that fail in the audit the plan was made from. */
  failing: z.array(z.string()),
  /** Live state when the plan was made; apply compares it with the state it reads. */
  before: z.unknown(),
  describe: z.object({ before: z.array(z.string()), after: z.array(z.string()) }),
  cost: z.string(),
  userImpact: z.string(),
  manual: z.boolean(),
  /** Already right: nothing to do. */
  satisfied: z.boolean(),
  blocked: z.string().optional(),
});
export type PlanStep = z.infer<typeof planStepSchema>;

export const planSchema = z.object({
  kind: z.literal('rampart-plan'),
  version: z.literal(PLAN_VERSION),
  createdAt: z.string(),
  accountId: z.string().regex(/^\d{12}$/),
  partition: z.string(),
  region: z.string(),
  callerArn: z.string(),
  inputs: hardenInputsSchema,
  steps: z.array(planStepSchema),
  /**
   * What the audit the plan was made from could not see or judge (the admin analysis' gaps), in the words
   * harden printed on stderr. Optional: plans saved before it existed have none.
   */
  warnings: z.array(z.string()).optional(),
});
export type Plan = z.infer<typeof planSchema>;
