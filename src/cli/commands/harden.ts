import { resolve } from 'node:path';
import { CHECKS } from '../../checks/registry.js';
import { runChecks } from '../../checks/run.js';
import { DEFAULT_SHARED_USER_WORDS } from '../../checks/types.js';
import { colors } from '../../report/render/colors.js';
import { writePrivateFile } from '../../snapshot/io.js';
import { ACTIONS } from '../../remediation/actions/index.js';
import { aliasProblem } from '../../remediation/actions/iam-set-account-alias.js';
import { adminUserNameProblem } from '../../remediation/naming.js';
import { buildPlan } from '../../remediation/plan.js';
import { PromptCancelled, type Prompter } from '../../remediation/prompter.js';
import { readOnlyContext, readStates } from '../../remediation/read.js';
import { planJson, renderPlan } from '../../remediation/render-plan.js';
import type { HardenInputs } from '../../remediation/types.js';
import { CliError, EXIT } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { collectLive, openSession, type AwsFlags } from '../live.js';
import { parseChoice } from './audit.js';
import { APPLY_OUTPUTS, defaultJournal, makePrompter, runApply } from './apply.js';

export interface HardenFlags extends AwsFlags {
  apply?: boolean;
  yes?: boolean;
  planOut?: string;
  adminUser?: string;
  adminGroup: string;
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
  output: string;
  color?: boolean;
  quiet?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emailProblem(v: string): string | undefined {
  return EMAIL.test(v) ? undefined : `'${v}' is not an email address`;
}

/** Turns flags into inputs; bad values are one line naming the flag (exit 2). */
export function inputsFromFlags(flags: HardenFlags): HardenInputs {
  const fail = (flag: string, problem: string): never => {
    throw new CliError(`${flag}: ${problem}`);
  };
  const userProblem = (name: string): string | undefined =>
    adminUserNameProblem(name, { sharedUserWords: DEFAULT_SHARED_USER_WORDS });
  if (flags.adminUser !== undefined) {
    const p = userProblem(flags.adminUser);
    if (p) fail('--admin-user', p);
  }
  if (!/^[\w+=,.@-]{1,128}$/.test(flags.adminGroup))
    fail('--admin-group', `'${flags.adminGroup}' is not a valid IAM group name`);
  if (flags.alias !== undefined) {
    const p = aliasProblem(flags.alias);
    if (p) fail('--alias', p);
  }
  if (flags.securityEmail !== undefined) {
    const p = emailProblem(flags.securityEmail);
    if (p) fail('--security-email', p);
  }
  if (flags.securityPhone !== undefined && !/^[\s0-9()+-]{3,25}$/.test(flags.securityPhone)) {
    fail('--security-phone', `'${flags.securityPhone}' is not a phone number (digits, spaces, + - ( ))`);
  }
  let maxAge: number | undefined;
  if (flags.passwordMaxAge !== undefined) {
    maxAge = Number(flags.passwordMaxAge);
    if (!Number.isInteger(maxAge) || maxAge < 1 || maxAge > 1095) {
      fail('--password-max-age', `'${flags.passwordMaxAge}' must be a whole number of days from 1 to 1095`);
    }
  }
  return {
    adminGroup: flags.adminGroup,
    ...(flags.adminUser !== undefined ? { adminUser: flags.adminUser } : {}),
    ...(flags.alias !== undefined ? { alias: flags.alias } : {}),
    ...(flags.securityEmail !== undefined ? { securityEmail: flags.securityEmail } : {}),
    ...(flags.securityPhone !== undefined ? { securityPhone: flags.securityPhone } : {}),
    accessKeys: flags.accessKeys ?? false,
    ...(maxAge !== undefined ? { passwordMaxAgeDays: maxAge } : {}),
    ...(flags.trailKmsKey !== undefined ? { trailKmsKeyId: flags.trailKmsKey } : {}),
    trailCloudWatchLogs: flags.trailCloudwatchLogs ?? false,
    secretsDir: flags.secretsDir ?? '.',
    showSecrets: flags.showSecrets ?? false,
  };
}

/** Interactive runs ask for what the flags left out; each answer can be skipped (the step is then skipped). */
async function askMissing(inputs: HardenInputs, prompter: Prompter): Promise<HardenInputs> {
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
        adminUserNameProblem(x, { sharedUserWords: DEFAULT_SHARED_USER_WORDS }),
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
  let inputs = inputsFromFlags(flags);
  if (flags.yes && !flags.apply) throw new CliError('--yes only makes sense with --apply');
  // Refuse before any AWS call when nobody could confirm.
  const prompter = flags.apply ? makePrompter(io, flags.yes ?? false) : undefined;
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  const pool = await openSession(flags, io, msg);
  const snapshot = await collectLive(pool, io, msg);
  const now = io.now();
  const findings = runChecks(snapshot, CHECKS, { now });
  const { accountId, partition } = snapshot.meta;
  const region = pool.settings.region;
  const callerArn = snapshot.meta.callerArn ?? '';
  if (prompter?.interactive && !flags.yes) inputs = await askMissing(inputs, prompter);

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
    actions: ACTIONS,
    interactive: prompter?.interactive ?? false,
  });

  if (flags.planOut) {
    await writePrivateFile(resolve(io.cwd, flags.planOut), `${JSON.stringify(plan, null, 2)}\n`);
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
  });
}
