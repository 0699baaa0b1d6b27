import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_OPTIONS, DEFAULT_SHARED_USER_WORDS } from '../checks/types.js';
import { ConfigError, DEFAULT_CONFIG, findConfigFile, loadConfig, validateConfig } from './load.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const IDS = [
  'root-mfa-enabled',
  'root-hardware-mfa',
  'root-credentials-stored-safely',
  'iam-password-policy',
];
const ATTESTABLE = ['root-credentials-stored-safely'];

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'rampart-config-'));
}
function write(dir: string, name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}
const load = (cwd: string, file?: string) =>
  loadConfig({
    cwd,
    now: NOW,
    checkIds: IDS,
    attestableCheckIds: ATTESTABLE,
    ...(file !== undefined ? { file } : {}),
  });

/** The exact one-line message validation produces for `json`. */
function problem(json: unknown): string {
  try {
    validateConfig(json, 'rampart.config.json', {
      now: NOW,
      checkIds: IDS,
      attestableCheckIds: ATTESTABLE,
    });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected the config to be rejected');
}

describe('config validation: every problem is one line naming the file, the field and what was expected', () => {
  it.each<[string, unknown, string]>([
    ['not an object', [], 'rampart.config.json: expected a JSON object, got an array'],
    [
      'a threshold as a string',
      { thresholds: { unusedCredentialDays: '45' } },
      'rampart.config.json: thresholds.unusedCredentialDays: expected a positive integer, got "45"',
    ],
    [
      'a fractional threshold',
      { thresholds: { accessKeyMaxAgeDays: 4.5 } },
      'rampart.config.json: thresholds.accessKeyMaxAgeDays: expected a positive integer, got 4.5',
    ],
    [
      'a threshold out of AWS range',
      { thresholds: { passwordReusePrevention: 25 } },
      'rampart.config.json: thresholds.passwordReusePrevention: expected an integer from 1 to 24, got 25',
    ],
    [
      'a typo in a key',
      { thresholds: { unusedCredentialDay: 45 } },
      'rampart.config.json: thresholds.unusedCredentialDay: unknown field (did you mean "unusedCredentialDays"?)',
    ],
    [
      'an unknown top-level key',
      { colour: true },
      'rampart.config.json: colour: unknown field (expected one of: $schema, thresholds, namingStandard, sharedUserWords, rootEmail, securityEmailPattern, roster, checks, frameworks, suppressions, attestations, harden)',
    ],
    [
      'a bad naming preset',
      { namingStandard: { preset: 'initials' } },
      'rampart.config.json: namingStandard.preset: expected one of "initials-id", "first_last", "initial-last", "company-id", "custom", got "initials"',
    ],
    [
      'a custom preset without a pattern',
      { namingStandard: { preset: 'custom' } },
      'rampart.config.json: namingStandard.pattern: required when preset is "custom"',
    ],
    [
      'a custom pattern that does not compile',
      { namingStandard: { preset: 'custom', pattern: '([a-z]+' } },
      'rampart.config.json: namingStandard.pattern: not a valid regular expression: Invalid regular expression: /([a-z]+/: Unterminated group',
    ],
    [
      'a company-id preset without a prefix',
      { namingStandard: { preset: 'company-id' } },
      'rampart.config.json: namingStandard.companyPrefix: required when preset is "company-id"',
    ],
    [
      'a prefix with the wrong preset',
      { namingStandard: { preset: 'first_last', companyPrefix: 'SF' } },
      'rampart.config.json: namingStandard.companyPrefix: only used with preset "company-id"',
    ],
    [
      'a shared-user word with a space',
      { sharedUserWords: { words: ['net admin'] } },
      'rampart.config.json: sharedUserWords.words[0]: expected a word (letters and digits only), got "net admin"',
    ],
    [
      'a bad shared-user mode',
      { sharedUserWords: { mode: 'add', words: ['x'] } },
      'rampart.config.json: sharedUserWords.mode: expected "extend" or "replace", got "add"',
    ],
    [
      'a bad root email',
      { rootEmail: 'root at example.com' },
      'rampart.config.json: rootEmail: expected an email address, got "root at example.com"',
    ],
    [
      'a security pattern that does not compile',
      { securityEmailPattern: '[' },
      'rampart.config.json: securityEmailPattern: not a valid regular expression: Invalid regular expression: /[/: Unterminated character class',
    ],
    [
      'an unknown check id in the selection',
      { checks: { exclude: ['root-mfa'] } },
      'rampart.config.json: checks.exclude[0]: unknown check id "root-mfa" (closest: root-mfa-enabled, root-hardware-mfa); see `rampart checks`',
    ],
    [
      'selection not a list',
      { checks: { include: 'root-mfa-enabled' } },
      'rampart.config.json: checks.include: expected an array of check ids, got "root-mfa-enabled"',
    ],
    [
      'an empty selection',
      { checks: { include: [] } },
      'rampart.config.json: checks: selects no check at all (include minus exclude is empty)',
    ],
    [
      'a selection that excludes everything',
      { checks: { exclude: IDS } },
      'rampart.config.json: checks: selects no check at all (include minus exclude is empty)',
    ],
    [
      'an unknown framework',
      { frameworks: ['cis-v4'] },
      'rampart.config.json: frameworks[0]: expected one of "cis-v5", "cis-v6", "security-hub", got "cis-v4"',
    ],
    [
      'a suppression for an unknown check',
      { suppressions: [{ check: 'root-mfa-enabeld', resource: '*', reason: 'r' }] },
      'rampart.config.json: suppressions[0].check: unknown check id "root-mfa-enabeld" (closest: root-mfa-enabled, root-hardware-mfa); see `rampart checks`',
    ],
    [
      'a suppression without a reason',
      { suppressions: [{ check: 'root-mfa-enabled', resource: '*' }] },
      'rampart.config.json: suppressions[0].reason: missing; expected a reason (non-empty)',
    ],
    [
      'a suppression with a blank reason',
      { suppressions: [{ check: 'root-mfa-enabled', resource: '*', reason: '  ' }] },
      'rampart.config.json: suppressions[0].reason: expected a reason (non-empty), got "  "',
    ],
    [
      'a suppression with an impossible date',
      { suppressions: [{ check: 'root-mfa-enabled', resource: '*', reason: 'r', expires: '2026-02-30' }] },
      'rampart.config.json: suppressions[0].expires: expected a real date written YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      'a suppression with a date in another format',
      { suppressions: [{ check: 'root-mfa-enabled', resource: '*', reason: 'r', expires: '31/12/2026' }] },
      'rampart.config.json: suppressions[0].expires: expected a real date written YYYY-MM-DD, got "31/12/2026"',
    ],
    [
      'a suppression with a typo',
      { suppressions: [{ check: 'root-mfa-enabled', resource: '*', reason: 'r', expiry: '2027-01-01' }] },
      'rampart.config.json: suppressions[0].expiry: unknown field (did you mean "expires"?)',
    ],
    [
      'an attestation for an unknown check',
      { attestations: [{ check: 'root-creds', by: 'Jane', date: '2026-01-01', note: 'n' }] },
      'rampart.config.json: attestations[0].check: unknown check id "root-creds"; see `rampart checks`',
    ],
    [
      'an attestation for a check that is not manual (suppressions are allowed on any check)',
      { attestations: [{ check: 'root-mfa-enabled', by: 'Jane', date: '2026-01-01', note: 'n' }] },
      'rampart.config.json: attestations[0].check: "root-mfa-enabled" is not a manual check: only root-credentials-stored-safely take attestations (to accept a finding of another check, use "suppressions")',
    ],
    [
      'an attestation dated in the future',
      {
        attestations: [
          { check: 'root-credentials-stored-safely', by: 'Jane', date: '2027-01-01', note: 'n' },
        ],
      },
      'rampart.config.json: attestations[0].date: "2027-01-01" is in the future',
    ],
    [
      'an attestation that expires before it was made',
      {
        attestations: [
          {
            check: 'root-credentials-stored-safely',
            by: 'Jane',
            date: '2026-01-01',
            note: 'n',
            expires: '2025-01-01',
          },
        ],
      },
      'rampart.config.json: attestations[0].expires: "2025-01-01" is before date "2026-01-01"',
    ],
    [
      'an attestation without a note',
      { attestations: [{ check: 'root-credentials-stored-safely', by: 'Jane', date: '2026-01-01' }] },
      'rampart.config.json: attestations[0].note: missing; expected a note (non-empty)',
    ],
    [
      'a harden alias IAM refuses',
      { harden: { alias: 'Acme' } },
      "rampart.config.json: harden.alias: 'Acme' may hold only lower-case letters, digits and single hyphens, and must start and end with a letter or digit",
    ],
    [
      'a harden admin user that is not an IAM name',
      { harden: { adminUser: 'J Smith' } },
      "rampart.config.json: harden.adminUser: 'J Smith' is not a valid IAM user name (1-64 letters, digits and +=,.@_-)",
    ],
    [
      'a harden password max age out of range',
      { harden: { passwordMaxAgeDays: 2000 } },
      'rampart.config.json: harden.passwordMaxAgeDays: expected a whole number of days from 1 to 1095, got 2000',
    ],
    [
      'a harden trail KMS key that is no key',
      { harden: { trailKmsKey: 'my-key' } },
      "rampart.config.json: harden.trailKmsKey: 'my-key' is not a KMS key: expected a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), an alias ARN (arn:aws:kms:REGION:ACCOUNT:alias/NAME), a key id (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-…) or alias/NAME",
    ],
    [
      'a harden field with a typo',
      { harden: { securityMail: 'a@b.c' } },
      'rampart.config.json: harden.securityMail: unknown field (did you mean "securityEmail"?)',
    ],
    [
      'several problems',
      { thresholds: { rootUnusedDays: 0 }, rootEmail: 1, frameworks: 'cis-v5' },
      'rampart.config.json: thresholds.rootUnusedDays: expected a positive integer, got 0 (and 2 more problems)',
    ],
  ])('%s', (_name, json, message) => {
    expect(problem(json)).toBe(message);
  });
});

describe('loadConfig', () => {
  it('returns the defaults when there is no config file', async () => {
    const dir = tmp();
    mkdirSync(join(dir, '.git'));
    expect(await load(dir)).toBe(DEFAULT_CONFIG);
  });

  it('resolves a full config into check options, selection, suppressions and frameworks', async () => {
    const dir = tmp();
    write(
      dir,
      'people.csv',
      'name,userName,email,employeeId,status\nJohn Smith,JS1234,john@example.com,1234,active\n',
    );
    write(dir, 'rampart.config.json', {
      $schema: './node_modules/rampart/schemas/rampart.config.schema.json',
      thresholds: { unusedCredentialDays: 30, passwordMinLength: 16 },
      namingStandard: { preset: 'company-id', companyPrefix: 'SF', exemptions: ['breakglass-*'] },
      sharedUserWords: { words: ['Payroll'] },
      rootEmail: 'aws-root@example.com',
      securityEmailPattern: '^aws-(root|security)@example\\.com$',
      roster: 'people.csv',
      checks: { exclude: ['iam-password-policy'] },
      frameworks: ['cis-v6', 'security-hub', 'cis-v6'],
      suppressions: [
        {
          check: 'root-mfa-enabled',
          resource: 'root',
          reason: 'token ordered',
          owner: 'jane',
          expires: '2026-12-31',
        },
      ],
      attestations: [
        {
          check: 'root-credentials-stored-safely',
          by: 'Jane Doe',
          date: '2026-10-01',
          note: 'safe',
          expires: '2027-10-01',
        },
      ],
    });
    const config = await load(dir);
    expect(config.file).toBe(join(dir, 'rampart.config.json'));
    expect(config.options).toEqual({
      ...DEFAULT_CHECK_OPTIONS,
      unusedCredentialDays: 30,
      passwordMinLength: 16,
      namingStandard: { preset: 'company-id', companyPrefix: 'SF', exemptions: ['breakglass-*'] },
      sharedUserWords: [...DEFAULT_SHARED_USER_WORDS, 'payroll'],
      rootEmail: 'aws-root@example.com',
      securityEmailPattern: '^aws-(root|security)@example\\.com$',
      roster: [
        {
          name: 'John Smith',
          userName: 'JS1234',
          email: 'john@example.com',
          employeeId: '1234',
          status: 'active',
        },
      ],
      attestations: [
        {
          checkId: 'root-credentials-stored-safely',
          by: 'Jane Doe',
          date: '2026-10-01',
          note: 'safe',
          expires: '2027-10-01',
        },
      ],
    });
    expect(config.selection).toEqual({ exclude: ['iam-password-policy'] });
    expect(config.frameworks).toEqual(['cis-v6', 'security-hub']);
    expect(config.suppressions).toEqual([
      {
        check: 'root-mfa-enabled',
        resource: 'root',
        reason: 'token ordered',
        owner: 'jane',
        expires: '2026-12-31',
      },
    ]);
  });

  it('replaces the shared-user words when asked', async () => {
    const dir = tmp();
    write(dir, 'rampart.config.json', {
      sharedUserWords: { mode: 'replace', words: ['Ops', 'ops', 'shared'] },
    });
    expect((await load(dir)).options.sharedUserWords).toEqual(['ops', 'shared']);
  });

  it('finds the config in a parent directory and stops at the repository root', async () => {
    const repo = tmp();
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'infra', 'aws'), { recursive: true });
    write(repo, 'rampart.config.json', { frameworks: ['cis-v5'] });
    expect(findConfigFile(join(repo, 'infra', 'aws'))).toBe(join(repo, 'rampart.config.json'));
    expect((await load(join(repo, 'infra', 'aws'))).frameworks).toEqual(['cis-v5']);

    // A config above the repository root belongs to something else.
    const outer = tmp();
    write(outer, 'rampart.config.json', { frameworks: ['cis-v5'] });
    mkdirSync(join(outer, 'project', '.git'), { recursive: true });
    expect(findConfigFile(join(outer, 'project'))).toBeUndefined();
    // Outside any repository the search goes up to the filesystem root.
    mkdirSync(join(outer, 'plain', 'sub'), { recursive: true });
    expect(findConfigFile(join(outer, 'plain', 'sub'))).toBe(join(outer, 'rampart.config.json'));
  });

  it('names the found file relative to the working directory in errors', async () => {
    const repo = tmp();
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'sub'));
    write(repo, 'rampart.config.json', { rootEmail: 'nope' });
    await expect(load(join(repo, 'sub'))).rejects.toThrow(
      /^\.\.\/rampart\.config\.json: rootEmail: expected an email address, got "nope"$/,
    );
  });

  it.each<[string, string, string]>([['missing', '', 'cfg.json: no such file']])(
    'refuses a --config file that is %s',
    async (_name, content, message) => {
      const dir = tmp();
      if (content !== '') write(dir, 'cfg.json', content);
      const err = await load(dir, 'cfg.json').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message.startsWith(message)).toBe(true);
      expect((err as Error).message).not.toContain('\n');
    },
  );

  it('refuses a directory given as --config', async () => {
    const dir = tmp();
    await expect(load(dir, '.')).rejects.toThrow('.: is a directory');
  });

  it('reads the roster relative to the config file and names the CSV line at fault', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'conf'));
    write(join(dir, 'conf'), 'people.csv', 'name,status\nJohn,active\nAnn,retired\n');
    write(join(dir, 'conf'), 'rampart.json', { roster: 'people.csv' });
    await expect(load(dir, 'conf/rampart.json')).rejects.toThrow(
      /^conf\/people\.csv: line 3: status must be "active" or "left", got "retired"$/,
    );
  });

  it('names a missing roster file', async () => {
    const dir = tmp();
    write(dir, 'rampart.config.json', { roster: 'staff.csv' });
    await expect(load(dir, 'rampart.config.json')).rejects.toThrow(
      /^rampart\.config\.json: roster: staff\.csv: no such file$/,
    );
  });
});

describe('config JSON syntax errors', () => {
  it.each<[string, string, string]>([
    [
      'a trailing comma',
      '{\n  "thresholds": {\n    "rootUnusedDays": 90,\n  }\n}',
      'cfg.json: not valid JSON: line 4, column 3: Expected double-quoted property name (JSON only: no comments, no trailing commas)',
    ],
    [
      'a comment',
      '{\n  "frameworks": ["cis-v5"] // mine\n}',
      "cfg.json: not valid JSON: line 2, column 28: Expected ',' or '}' after property value (JSON only: no comments, no trailing commas)",
    ],
    [
      'a comment first',
      '// mine\n{}',
      "cfg.json: not valid JSON: line 1, column 1: unexpected character '/' (JSON only: no comments, no trailing commas)",
    ],
    [
      'an empty file',
      '  \n',
      'cfg.json: not valid JSON: the file is empty (JSON only: no comments, no trailing commas)',
    ],
    [
      'a truncated file',
      '{"frameworks": ["cis-v5"',
      "cfg.json: not valid JSON: line 1, column 25: Expected ',' or ']' after array element (JSON only: no comments, no trailing commas)",
    ],
    [
      'a file that ends too early',
      '{"frameworks": ',
      'cfg.json: not valid JSON: it ends too early (unclosed { or [ ?) (JSON only: no comments, no trailing commas)',
    ],
  ])('%s', async (_name, content, message) => {
    const dir = tmp();
    write(dir, 'cfg.json', content);
    const err = await load(dir, 'cfg.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(message);
  });
});
