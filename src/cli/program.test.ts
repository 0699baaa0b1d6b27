import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

const io: CliIo = {
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  env: {},
  cwd: process.cwd(),
  now: () => new Date('2026-11-23T12:00:00Z'),
};

/** Runs argv through the command tree; the command's action must never start. */
async function parse(args: string[]): Promise<unknown> {
  let ran = false;
  const program = buildProgram(io, () => {
    ran = true;
  });
  const err = await program.parseAsync(['node', 'rampart', ...args]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ran).toBe(false);
  return err;
}

describe('empty path and URL values', () => {
  it('every option and argument naming a file, directory or URL refuses an empty value, naming itself', () => {
    const program = buildProgram(io, () => undefined);
    const guarded: string[] = [];
    for (const cmd of program.commands) {
      for (const option of cmd.options) {
        if (!/<(file|dir|url|plan|journal)>/.test(option.flags)) continue;
        const parseArg = option.parseArg as ((value: string, previous: unknown) => unknown) | undefined;
        expect(parseArg, `${cmd.name()} ${option.flags}`).toBeDefined();
        expect(() => {
          parseArg?.('', undefined);
        }).toThrow(new RegExp(`^${option.long ?? ''}: expected `));
        expect(() => {
          parseArg?.('  ', undefined);
        }).toThrow(CliError);
        expect(parseArg?.('x.json', undefined)).toBe('x.json');
        guarded.push(`${cmd.name()} ${option.long ?? ''}`);
      }
    }
    expect(guarded).toEqual(
      expect.arrayContaining([
        'audit --snapshot',
        'audit --endpoint-url',
        'audit --output-file',
        'audit --save-snapshot',
        'audit --config',
        'admins --snapshot',
        'admins --since',
        'collect --out',
        'import --out',
        'harden --plan-out',
        'harden --journal',
        'harden --secrets-dir',
      ]),
    );
  });

  // Only commands that touch no AWS even without the guard: the live ones (`--snapshot ''`,
  // `--endpoint-url ''`) are tested on the built CLI with no credentials (test/e2e/audit-cli.test.ts).
  it.each([
    [['audit', '--example', '--output-file', ''], '--output-file: expected a file path, got an empty value'],
    [['audit', '--example', '--config='], '--config: expected a file path, got an empty value'],
    [['import', ''], 'import DIR: expected a directory path, got an empty value'],
  ])('%j is a usage error before the command runs', async (args, message) => {
    const err = await parse(args);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toBe(message);
    expect((err as CliError).exitCode).toBe(EXIT.usage);
  });
});

describe('empty --profile and --region values', () => {
  const PROFILE =
    '--profile: expected a profile name from ~/.aws/config or ~/.aws/credentials, got an empty value';
  const REGION = '--region: expected an AWS region such as eu-west-1, got an empty value';

  it('every command that takes --profile or --region refuses an empty or blank value, naming the flag', () => {
    const program = buildProgram(io, () => undefined);
    const guarded: string[] = [];
    for (const cmd of program.commands) {
      for (const option of cmd.options) {
        if (option.long !== '--profile' && option.long !== '--region') continue;
        const parseArg = option.parseArg as ((value: string, previous: unknown) => unknown) | undefined;
        expect(parseArg, `${cmd.name()} ${option.long}`).toBeDefined();
        for (const empty of ['', '  '])
          expect(() => parseArg?.(empty, undefined)).toThrow(option.long === '--profile' ? PROFILE : REGION);
        expect(parseArg?.('eu-west-1', undefined)).toBe('eu-west-1');
        guarded.push(`${cmd.name()} ${option.long}`);
      }
    }
    expect(guarded.sort()).toEqual(
      ['admins', 'apply', 'audit', 'collect', 'harden', 'rollback'].flatMap((c) => [
        `${c} --profile`,
        `${c} --region`,
      ]),
    );
  });

  // Without the guard these read as no flag: AWS_PROFILE / AWS_REGION or the default would be used silently. The
  // live ones name a closed local port, so that even without the guard no call leaves the machine.
  const local = ['--endpoint-url', 'http://127.0.0.1:9'];
  it.each([
    [['audit', '--profile', '', ...local], PROFILE],
    [['audit', '--region=', ...local], REGION],
    [['audit', '--example', '--region', ' '], REGION],
    [['admins', '--profile=', ...local], PROFILE],
    [['collect', '--region', '', ...local], REGION],
    [['harden', '--profile', '', ...local], PROFILE],
    [['apply', 'missing-plan.json', '--region', '', ...local], REGION],
    [['rollback', 'missing-journal.jsonl', '--profile', '', ...local], PROFILE],
  ])('%j is a usage error before the command runs', async (args, message) => {
    const err = await parse(args);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toBe(message);
    expect((err as CliError).exitCode).toBe(EXIT.usage);
  });
});

describe('a value flag given twice', () => {
  // Commander keeps the last value silently: `--checks a --checks b` would run only b.
  it.each([
    [
      ['audit', '--example', '-o', 'json', '--output', 'csv'],
      "--output: given twice ('json', then 'csv'); give it once",
    ],
    [
      ['audit', '--example', '--checks', 'root-mfa-enabled', '--checks=iam-password-policy'],
      "--checks: given twice ('root-mfa-enabled', then 'iam-password-policy'); give it once",
    ],
    [
      // Paths nobody can write, should the command run after all.
      ['audit', '--example', '--output-file', '/nonexistent/a.json', '--output-file', '/nonexistent/b.json'],
      "--output-file: given twice ('/nonexistent/a.json', then '/nonexistent/b.json'); give it once",
    ],
    [
      ['admins', '--example', '--tier', 'full', '--tier', 'potential'],
      "--tier: given twice ('full', then 'potential'); give it once",
    ],
    [
      ['permissions', '--for', 'harden', '--for', 'admins'],
      "--for: given twice ('harden', then 'admins'); give it once",
    ],
  ])('%j is a usage error naming the flag, before the command runs', async (args, message) => {
    const err = await parse(args);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toBe(message);
    expect((err as CliError).exitCode).toBe(EXIT.usage);
  });

  it('the same value twice, or a flag given once over its default, runs the command', async () => {
    for (const args of [
      ['permissions', '--for', 'admins', '--for', 'admins'],
      ['permissions', '--for', 'admins'],
    ]) {
      let ran = false;
      const program = buildProgram({ ...io, stdout: new PassThrough() }, () => {
        ran = true;
      });
      await program.parseAsync(['node', 'rampart', ...args]);
      expect(ran).toBe(true);
    }
  });
});
