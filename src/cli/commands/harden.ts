import { relative, resolve } from 'node:path';
import { CHECKS } from '../../checks/registry.js';
import {
  adminUserNameProblem,
  aliasProblem,
  DEFAULT_ADMIN_GROUP,
  emailProblem,
  groupNameProblem,
  kmsKeyProblem,
  phoneProblem,
  type HardenConfig,
} from '../../config/harden.js';
import type { RampartConfig } from '../../config/types.js';
import { colors } from '../../report/render/colors.js';
import { writePrivateFile } from '../../snapshot/io.js';
import { ACTIONS } from '../../remediation/actions/index.js';
import { buildPlan } from '../../remediation/plan.js';
import { PromptCancelled, type Prompter } from '../../remediation/prompter.js';
import { readOnlyContext, readStates } from '../../remediation/read.js';
import { planJson, renderPlan } from '../../remediation/render-plan.js';
import type { HardenInputs } from '../../remediation/types.js';
import { announceConfig, checkAccount, loadCliConfig } from '../config.js';
import { CliError, EXIT } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { collectLive, openSession, type AwsFlags } from '../live.js';
import { snapshotTime } from '../snapshot-source.js';
import { parseChoice } from './audit.js';
import { APPLY_OUTPUTS, defaultJournal, makePrompter, rerunCommand, runApply } from './apply.js';
import { checkOutputPath } from '../output-path.js';

export interface HardenFlags extends AwsFlags {
  config?: string;
  apply?: boolean;
  yes?: boolean;
  planOut?: string;
  adminUser?: string;
  adminGroup?: string;
  alias?: string;
  securityEmail?: string;
  securityPhone?: string;
  accessKeys?: boolean;
  passwordMaxAge?: string;
  trailKmsKey?: string;
  trailCloudwatchLogs?: boolean;
  secretsDir?: string;
  showSecrets?: boolean;
  journal?: string;
  mfaCodes?: string;
  output: string;
  color?: boolean;
  quiet?: boolean;
}

/** `--mfa-codes 123456,654321`: two six-digit codes, in the order the app showed them. */
export function parseMfaCodes(value: string | undefined): [string, string] | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d{6})\s*,\s*(\d{6})\s*$/.exec(value);
  if (!m?.[1] || !m[2])
    throw new CliError(
      '--mfa-codes: expected two consecutive six-digit codes from the authenticator app, comma-separated, e.g. 123456,654321',
    );
  return [m[1], m[2]];
}

/** How a field of the config's `harden` section is named in messages: "rampart.config.json: harden.alias". */
function configField(config: RampartConfig, cwd: string, field: string): string {
  const file = config.file === undefined ? 'config' : relative(cwd, config.file) || config.file;
  return `${file}: harden.${field}`;
}

/**
 * Flags > the config's `harden` section > (later) prompts. A bad value is one line naming where it came from:
 * the flag, or the config file and field (exit 2). The admin user name is judged against the config's naming
 * standard and shared-user words, exactly as the audit judges it.
 */
export function resolveInputs(flags: HardenFlags, config: RampartConfig, cwd: string): HardenInputs {
  const fromConfig = config.harden ?? {};
  const pick = <K extends keyof HardenConfig>(
    flag: string,
    flagValue: HardenConfig[K] | undefined,
    key: K,
  ): { value: HardenConfig[K] | undefined; source: string } =>
    flagValue !== undefined
      ? { value: flagValue, source: flag }
      : { value: fromConfig[key], source: configField(config, cwd, key) };
  const check = (source: string, problem: string | undefined): void => {
    if (problem) throw new CliError(`${source}: ${problem}`);
  };

  const user = pick('--admin-user', flags.adminUser, 'adminUser');
  if (user.value !== undefined) check(user.source, adminUserNameProblem(user.value, namingOptions(config)));
  const group = pick('--admin-group', flags.adminGroup, 'adminGroup');
  if (group.value !== undefined) check(group.source, groupNameProblem(group.value));
  const alias = pick('--alias', flags.alias, 'alias');
  if (alias.value !== undefined) check(alias.source, aliasProblem(alias.value));
  const email = pick('--security-email', flags.securityEmail, 'securityEmail');
  if (email.value !== undefined) check(email.source, emailProblem(email.value));
  const phone = pick('--security-phone', flags.securityPhone, 'securityPhone');
  if (phone.value !== undefined) check(phone.source, phoneProblem(phone.value));
  let maxAge = fromConfig.passwordMaxAgeDays;
  if (flags.passwordMaxAge !== undefined) {
    const raw = flags.passwordMaxAge.trim();
    maxAge = Number(raw);
    if (!/^\d+$/.test(raw) || maxAge < 1 || maxAge > 1095)
      check('--password-max-age', `'${flags.passwordMaxAge}' must be a whole number of days from 1 to 1095`);
  }
  const kms = pick('--trail-kms-key', flags.trailKmsKey, 'trailKmsKey');
  if (kms.value !== undefined) check(kms.source, kmsKeyProblem(kms.value));
  return {
    adminGroup: group.value ?? DEFAULT_ADMIN_GROUP,
    ...(user.value !== undefined ? { adminUser: user.value } : {}),
    ...(alias.value !== undefined ? { alias: alias.value } : {}),
    ...(email.value !== undefined ? { securityEmail: email.value } : {}),
    ...(phone.value !== undefined ? { securityPhone: phone.value } : {}),
    accessKeys: flags.accessKeys ?? fromConfig.accessKeys ?? false,
    // The audit's thresholds, so harden never calls "done" a policy the audit fails.
    passwordMinLength: config.options.passwordMinLength,
    passwordReusePrevention: config.options.passwordReusePrevention,
    ...(maxAge !== undefined ? { passwordMaxAgeDays: maxAge } : {}),
    ...(kms.value !== undefined ? { trailKmsKeyId: kms.value } : {}),
    trailCloudWatchLogs: flags.trailCloudwatchLogs ?? fromConfig.trailCloudWatchLogs ?? false,
    secretsDir: flags.secretsDir ?? fromConfig.secretsDir ?? '.',
    showSecrets: flags.showSecrets ?? false,
  };
}

/** The naming standard and shared-user words the audit uses, for judging the admin user name. */
function namingOptions(config: RampartConfig): Parameters<typeof adminUserNameProblem>[1] {
  return { standard: config.options.namingStandard, sharedUserWords: config.options.sharedUserWords };
}

/** Interactive runs ask for what the flags left out; each answer can be skipped (the step is then skipped). */
async function askMissing(
  inputs: HardenInputs,
  prompter: Prompter,
  config: RampartConfig,
): Promise<HardenInputs> {
  const out = { ...inputs };
  const ask = async (
    question: string,
    check: (v: string) => string | undefined,
  ): Promise<string | undefined> => {
    const v = (
      await prompter.text(`${question} (leave empty to skip this step)`, (x) =>
        x.trim() === '' ? undefined : check(x.trim()),
      )
    ).trim();
    return v === '' ? undefined : v;
  };
  try {
    if (!out.adminUser) {
      const v = await ask('Your IAM user name (one person, e.g. JSmith)', (x) =>
        adminUserNameProblem(x, namingOptions(config)),
      );
      if (v) out.adminUser = v;
    }
    if (!out.alias) {
      const v = await ask('Account alias for the sign-in link', aliasProblem);
      if (v) out.alias = v;
    }
    if (!out.securityEmail) {
      const v = await ask('Security distribution list email', emailProblem);
      if (v) out.securityEmail = v;
    }
  } catch (err) {
    if (err instanceof PromptCancelled)
      throw new CliError('cancelled; nothing was changed', EXIT.interrupted);
    throw err;
  }
  return out;
}

export async function hardenCommand(flags: HardenFlags, io: CliIo): Promise<number> {
  const format = parseChoice(flags.output, APPLY_OUTPUTS, '--output');
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  // Bad config or inputs: one line on stderr, exit 2, before any AWS call.
  const config = await loadCliConfig(flags.config, io, msg, { announce: false });
  let inputs = resolveInputs(flags, config, io.cwd);
  if (flags.yes && !flags.apply) throw new CliError('--yes only makes sense with --apply');
  const mfaCodes = parseMfaCodes(flags.mfaCodes);
  if (mfaCodes && !flags.apply) throw new CliError('--mfa-codes only makes sense with --apply');
  // Refuse before any AWS call when nobody could confirm.
  const prompter = flags.apply ? makePrompter(io, flags.yes ?? false) : undefined;
  await checkOutputPath('--plan-out', flags.planOut, io.cwd);
  await checkOutputPath('--journal', flags.journal, io.cwd);
  announceConfig(config, io, msg);
  const pool = await openSession(flags, io, msg);
  const snapshot = await collectLive(pool, io, msg);
  // Judged as of the collection, as `rampart audit` judges it.
  const now = snapshotTime(snapshot);
  // The config's thresholds and naming standard decide which checks fail, as in `rampart audit`; what the checks
  // could not see or judge (the admin analysis' gaps) is said on stderr, in the audit's words.
  const { findings, warnings } = checkAccount(snapshot, config, CHECKS, now);
  for (const w of warnings) msg.warn(w);
  const { accountId, partition } = snapshot.meta;
  const region = pool.settings.region;
  const callerArn = snapshot.meta.callerArn ?? '';
  if (prompter?.interactive && !flags.yes) inputs = await askMissing(inputs, prompter, config);

  msg.info(msg.c.dim('Reading the current state of each step (read-only)…'));
  const ctx = readOnlyContext({ pool, accountId, partition, region, callerArn, inputs });
  const { states, readErrors } = await readStates(ACTIONS, ctx);
  const plan = buildPlan({
    accountId,
    partition,
    region,
    callerArn,
    createdAt: now.toISOString(),
    inputs,
    states,
    readErrors,
    findings,
    warnings,
    actions: ACTIONS,
    interactive: prompter?.interactive ?? false,
  });

  if (flags.planOut) {
    // --show-secrets is this run's choice, not the plan's: `rampart apply` never prints the password.
    const saved = { ...plan, inputs: { ...plan.inputs, showSecrets: false } };
    await writePrivateFile(resolve(io.cwd, flags.planOut), `${JSON.stringify(saved, null, 2)}\n`);
    msg.info(`Plan written to ${flags.planOut} (mode 0600). Apply it with: rampart apply ${flags.planOut}`);
  }
  if (!flags.apply) {
    const color = format === 'table' && useColor(flags.color, io.stdout, io.env);
    io.stdout.write(format === 'json' ? planJson(plan) : renderPlan(plan, colors(color)));
    if (format === 'table')
      msg.info(msg.c.dim('Nothing was changed. Apply with --apply (asks before each step).'));
    return EXIT.ok;
  }
  if (!flags.quiet) io.stderr.write(renderPlan(plan, msg.c));
  return runApply({
    plan,
    pool,
    identity: { Account: accountId, Arn: callerArn },
    prompter: prompter ?? makePrompter(io, true),
    journalFile: resolve(io.cwd, flags.journal ?? defaultJournal(io, accountId)),
    format,
    io,
    msg,
    color: useColor(flags.color, io.stdout, io.env),
    rerun: rerunCommand(flags),
    ...(mfaCodes ? { mfaCodes } : {}),
  });
}
