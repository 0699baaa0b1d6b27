import type { EventEmitter } from 'node:events';
import { Command, Option } from 'commander';
import { CliError } from './exit-codes.js';
import { TOOL } from '../version.js';
import {
  ADMINS_OUTPUT_FORMATS,
  APPLY_OUTPUTS,
  CATALOG_FORMATS,
  EXPLAIN_FORMATS,
  FAIL_ON,
  OUTPUT_FORMATS,
  PERMISSION_TARGETS,
} from './choices.js';
import type { AdminsFlags } from './commands/admins.js';
import type { ApplyFlags } from './commands/apply.js';
import type { AuditFlags } from './commands/audit.js';
import type { ChecksFlags } from './commands/checks.js';
import type { CollectFlags } from './commands/collect.js';
import type { ExplainFlags } from './commands/explain.js';
import type { HardenFlags } from './commands/harden.js';
import type { ImportFlags } from './commands/import.js';
import type { PermissionsFlags } from './commands/permissions.js';
import type { RollbackFlags } from './commands/rollback.js';
import type { CliIo } from './io.js';

/** Flags shared by every command that talks to AWS, named like the AWS CLI's. */
function withAwsFlags(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'AWS profile (default: AWS_PROFILE, then "default")')
    .option(
      '--region <region>',
      'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)',
    )
    .option(
      '--endpoint-url <url>',
      'send every AWS call to this endpoint (like the AWS CLI; AWS_ENDPOINT_URL works too)',
    );
}

function withUiFlags(cmd: Command): Command {
  return cmd
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour (NO_COLOR works too)')
    .option('-q, --quiet', 'only print the result, warnings and errors (no progress)');
}

/** The command tree. Each action returns the exit code; main.ts owns process.exit. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('rampart')
    .description(
      'Secure a new AWS account in its first hour, and prove every week after that it stays secure.',
    )
    .version(TOOL.version, '-V, --version')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    // Set before any subcommand exists: subcommands inherit these settings when created.
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => {
        write(`rampart: ${text.replace(/^error: /, '')}`);
      },
    });

  const audit = withUiFlags(
    withAwsFlags(
      program
        .command('audit')
        .description(
          'audit an account (live, from a snapshot file, or the bundled example) and print the report',
        ),
    ),
  )
    .option('--snapshot <file>', 'audit a snapshot file instead of the live account (no AWS calls)')
    .option('--example', 'audit the bundled example account (a brand-new account)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--output-file <file>', 'write the report to a file (mode 0600) instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a failing finding has at least this severity')
        .choices(FAIL_ON)
        .default('high'),
    )
    .option('--checks <ids>', 'run only these checks (comma-separated ids; overrides the config selection)')
    .option('--config <file>', 'config file (default: rampart.config.json in this or a parent directory)')
    .option('--save-snapshot <file>', 'also save the collected snapshot (mode 0600)');
  audit.action(async (opts: AuditFlags) => {
    const { auditCommand } = await import('./commands/audit.js');
    setExit(await auditCommand(opts, io));
  });

  const admins = withUiFlags(
    withAwsFlags(
      program
        .command('admins')
        .description('list every user, group and role that is admin or can become one, and how'),
    ),
  )
    .option('--snapshot <file>', 'read a snapshot file instead of the live account (no AWS calls)')
    .option('--example', 'use the bundled example account')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(ADMINS_OUTPUT_FORMATS).default('table'),
    )
    .option('--output-file <file>', 'write the list to a file (mode 0600) instead of stdout')
    .option('--tier <tiers>', 'only these tiers, comma-separated: full, iam-admin, via-role, potential')
    .option(
      '--principal <name>',
      'one user, group or role (name or ARN): every path it has to admin, or none',
    )
    .option(
      '--since <file>',
      'compare with an earlier run (admins or audit JSON, or a snapshot): new, stronger, weaker and gone admins; exit 1 when one is new or stronger',
    );
  admins.action(async (opts: AdminsFlags) => {
    const { adminsCommand } = await import('./commands/admins.js');
    setExit(await adminsCommand(opts, io));
  });

  const collect = withUiFlags(
    withAwsFlags(
      program
        .command('collect')
        .description('collect a snapshot of the live account into a file (read-only)'),
    ),
  ).option('--out <file>', 'snapshot file (default: rampart-snapshot-<account>-<date>.json)');
  collect.action(async (opts: CollectFlags) => {
    const { collectCommand } = await import('./commands/collect.js');
    setExit(await collectCommand(opts, io));
  });

  const importCmd = withUiFlags(
    program
      .command('import')
      .description('build a snapshot from a directory of AWS CLI exports (no AWS calls; see docs/import.md)')
      .argument('<dir>', 'directory holding the exports'),
  ).option('--out <file>', 'snapshot file (default: rampart-snapshot-<account>-import.json)');
  importCmd.action(async (dir: string, opts: ImportFlags) => {
    const { importCommand } = await import('./commands/import.js');
    setExit(await importCommand(dir, opts, io));
  });

  const configFlag = '--config <file>';
  const configHelp = 'config file (default: rampart.config.json in this or a parent directory)';
  program
    .command('checks')
    .description('list the check catalog (id, severity, area, title, controls)')
    .addOption(
      new Option('-o, --output <format>', 'table, or json for the full metadata')
        .choices(CATALOG_FORMATS)
        .default('table'),
    )
    .option(configFlag, `${configHelp}; its "frameworks" choose the controls shown`)
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour (NO_COLOR works too)')
    .action(async (opts: ChecksFlags) => {
      const { checksCommand } = await import('./commands/checks.js');
      setExit(await checksCommand(opts, io));
    });

  program
    .command('explain')
    .description("print a check's documentation: why, how it is evaluated, how to fix, references")
    .argument('<id>', 'check id (see `rampart checks`)')
    .addOption(
      new Option('-o, --output <format>', 'text, or json for the metadata and the page')
        .choices(EXPLAIN_FORMATS)
        .default('text'),
    )
    .option(configFlag, `${configHelp}; its "frameworks" choose the controls shown`)
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour (NO_COLOR works too)')
    .action(async (id: string, opts: ExplainFlags) => {
      const { explainCommand } = await import('./commands/explain.js');
      setExit(await explainCommand(id, opts, io));
    });

  const harden = withUiFlags(
    withAwsFlags(
      program
        .command('harden')
        .description(
          'audit the account and print the hardening plan (writes nothing); --apply makes the changes, asking before each step',
        ),
    ),
  )
    .option(configFlag, `${configHelp}; its "harden" section supplies defaults for the flags below`)
    .option('--apply', 'apply the plan, asking before each step')
    .option('-y, --yes', 'with --apply: apply every step without asking (for non-interactive runs)')
    .option('--plan-out <file>', 'also write the plan as JSON (mode 0600) for `rampart apply`')
    .option('--admin-user <name>', 'your IAM user name (checked against the naming standard)')
    .option('--admin-group <name>', 'admin group name (default: Administrators)')
    .option('--alias <alias>', 'account alias for the sign-in link')
    .option('--security-email <addr>', 'security distribution list: SNS alerts and the security contact')
    .option('--security-phone <number>', 'phone number for the security alternate contact')
    .option('--access-keys', 'also create access keys for the admin user (default: none)')
    .option('--password-max-age <days>', 'password expiry in days (default: passwords do not expire)')
    .option(
      '--trail-kms-key <arn>',
      'encrypt the trail with this existing KMS key (key ARN, alias ARN, key id or alias/NAME)',
    )
    .option(
      '--trail-cloudwatch-logs',
      'also deliver the trail to CloudWatch Logs (the one harden creates, or the existing multi-region trail)',
    )
    .option('--secrets-dir <dir>', 'where credentials and MFA files go (mode 0600; default: .)')
    .option('--show-secrets', 'also print the generated password (stderr)')
    .option('--journal <file>', 'journal file (default: rampart-journal-<account>-<time>.jsonl)')
    .option(
      '--mfa-codes <code1,code2>',
      "with --apply: two consecutive codes from the app, to enable the admin user's pending MFA device without a terminal",
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(APPLY_OUTPUTS).default('table'));
  harden.action(async (opts: HardenFlags) => {
    const { hardenCommand } = await import('./commands/harden.js');
    setExit(await hardenCommand(opts, io));
  });

  const apply = withUiFlags(
    withAwsFlags(
      program
        .command('apply')
        .argument('<plan>', 'plan file written by `rampart harden --plan-out`')
        .description(
          'apply a saved plan (refuses a plan for another account or one the account has drifted from)',
        ),
    ),
  )
    .option('-y, --yes', 'apply every step without asking')
    .option('--journal <file>', 'journal file (default: rampart-journal-<account>-<time>.jsonl)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(APPLY_OUTPUTS).default('table'));
  apply.action(async (plan: string, opts: ApplyFlags) => {
    const { applyCommand } = await import('./commands/apply.js');
    setExit(await applyCommand(plan, opts, io));
  });

  const rollback = withUiFlags(
    withAwsFlags(
      program
        .command('rollback')
        .argument('<journal>', 'journal file written by harden --apply or apply')
        .description('undo what a journal says Rampart created or changed, newest first'),
    ),
  )
    .option('-y, --yes', 'undo without asking')
    .addOption(new Option('-o, --output <format>', 'output format').choices(APPLY_OUTPUTS).default('table'));
  rollback.action(async (journal: string, opts: RollbackFlags) => {
    const { rollbackCommand } = await import('./commands/rollback.js');
    setExit(await rollbackCommand(journal, opts, io));
  });

  program
    .command('permissions')
    .description('print the least-privilege IAM policy a command needs (JSON)')
    .addOption(
      new Option('--for <command>', 'the command to print the policy for')
        .choices(PERMISSION_TARGETS)
        .default('audit'),
    )
    .action(async (opts: PermissionsFlags) => {
      const { permissionsCommand } = await import('./commands/permissions.js');
      setExit(permissionsCommand(opts, io));
    });

  requireValues(program);
  refuseRepeatedValues(program);
  return program;
}

/**
 * A value flag given twice with different values is a usage error naming the flag: commander would keep the
 * last one silently, so `--checks a --checks b` would run only b and `--output-file a --output-file b` write
 * only b. Runs before commander stores the second value, so the first is still the one given on the command
 * line (its source is `cli`; a default's is `default`).
 */
function refuseRepeatedValues(program: Command): void {
  for (const cmd of program.commands) {
    for (const option of cmd.options) {
      if (!(option.required || option.optional) || option.variadic || !option.long) continue;
      const flag = option.long;
      const key = option.attributeName();
      // Command is an EventEmitter (its typings declare only `on`): this listener must run before commander's.
      (cmd as unknown as EventEmitter).prependListener(`option:${option.name()}`, (value: unknown) => {
        if (cmd.getOptionValueSource(key) !== 'cli') return;
        const before: unknown = cmd.getOptionValue(key);
        const was = typeof before === 'string' ? before : JSON.stringify(before);
        if (typeof value === 'string' && value !== was)
          throw new CliError(`${flag}: given twice ('${was}', then '${value}'); give it once`);
      });
    }
  }
}

/** What a path or URL value names, by its placeholder in the flag or argument (`--out <file>`, `<dir>`). */
const EXPECTED_VALUE: Record<string, string> = {
  file: 'a file path',
  plan: 'a file path',
  journal: 'a file path',
  dir: 'a directory path',
  url: 'an http(s) URL such as http://127.0.0.1:5000',
};

/**
 * Values named by the flag itself: an empty `--profile`/`--region` would otherwise read as no flag at all and
 * the run would silently use AWS_PROFILE / AWS_REGION or the default (another account or region than asked for).
 */
const EXPECTED_BY_FLAG: Record<string, string> = {
  '--profile': 'a profile name from ~/.aws/config or ~/.aws/credentials',
  '--region': 'an AWS region such as eu-west-1',
};

/**
 * Every path, URL, profile and region value of every command must say something: an empty one
 * (`--snapshot "$SNAP"` with SNAP unset) would otherwise read as no flag at all (a live run, real AWS calls for
 * `--snapshot` and `--endpoint-url`; the environment's profile or region for `--profile` and `--region`) or as
 * the working directory (": is a directory"). It is a usage error naming the flag.
 */
function requireValues(program: Command): void {
  const guard = (name: string, expected: string) => (value: string) => {
    if (value.trim() === '') throw new CliError(`${name}: expected ${expected}, got an empty value`);
    return value;
  };
  for (const cmd of program.commands) {
    for (const option of cmd.options) {
      const placeholder = /<(\w+)>/.exec(option.flags)?.[1];
      if (placeholder === undefined || !option.long || option.parseArg) continue;
      const expected = EXPECTED_BY_FLAG[option.long] ?? EXPECTED_VALUE[placeholder];
      if (expected) option.argParser(guard(option.long, expected));
    }
    for (const arg of cmd.registeredArguments) {
      const expected = EXPECTED_VALUE[arg.name()];
      if (expected && !arg.parseArg)
        arg.argParser(guard(`${cmd.name()} ${arg.name().toUpperCase()}`, expected));
    }
  }
}
