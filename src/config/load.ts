import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DEFAULT_CHECK_OPTIONS, DEFAULT_SHARED_USER_WORDS, type CheckOptions } from '../checks/types.js';
import { parseRoster, RosterError } from './roster.js';
import { configSchema, type ConfigFile, type ThresholdName } from './schema.js';
import { formatIssue } from './errors.js';
import type { HardenConfig } from './harden.js';
import type { RampartConfig } from './types.js';
import { parseJsonOr } from '../json-problem.js';

export const CONFIG_FILE_NAME = 'rampart.config.json';

/** A config file that cannot be used; the message is one line naming the file, the field and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Looks for rampart.config.json in `startDir` and its parents. The search stops after the first directory
 * that holds `.git` (the repository root: a config above it belongs to something else) or at the filesystem root.
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function readError(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'is a directory'
      : `cannot read (${code ?? 'error'})`;
}

/** Index of the first `ch` outside a JSON string, for errors V8 reports without a position. */
/** JSON.parse with V8's message turned into one line: "line L, column C: problem". */
function parseJson(text: string, file: string): unknown {
  return parseJsonOr(
    text,
    (what) =>
      new ConfigError(`${file}: not valid JSON: ${what} (JSON only: no comments, no trailing commas)`),
  );
}

export interface LoadConfigOptions {
  /** `--config FILE`; when absent the file is searched upward from `cwd`. */
  file?: string;
  cwd: string;
  now: Date;
  /** Known check ids (the registry), to refuse unknown ids in selections, suppressions and attestations. */
  checkIds: readonly string[];
  /** The manual checks (the registry's `attestable` ones): attestations for any other check are refused. */
  attestableCheckIds: readonly string[];
}

/** Validates parsed JSON against the config schema; throws ConfigError with the first problem. */
export function validateConfig(
  json: unknown,
  file: string,
  options: Omit<LoadConfigOptions, 'file' | 'cwd'>,
): ConfigFile {
  const schema = configSchema({
    checkIds: options.checkIds,
    attestableCheckIds: options.attestableCheckIds,
    now: options.now,
  });
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  if (!first) throw new ConfigError(`${file}: invalid`);
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw new ConfigError(`${file}: ${formatIssue(first, json, schema)}${more}`);
}

/** Turns a validated config file into check options, selection, suppressions and frameworks. */
export function resolveConfig(
  config: ConfigFile,
  extras: { file?: string; roster?: CheckOptions['roster'] } = {},
): RampartConfig {
  const words = config.sharedUserWords;
  const sharedUserWords = words
    ? [
        ...new Set([
          ...(words.mode === 'replace' ? [] : DEFAULT_SHARED_USER_WORDS),
          ...words.words.map((w) => w.toLowerCase()),
        ]),
      ]
    : DEFAULT_CHECK_OPTIONS.sharedUserWords;
  const ns = config.namingStandard;
  const thresholds = Object.fromEntries(
    Object.entries(config.thresholds ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<Pick<CheckOptions, ThresholdName>>;
  const options: CheckOptions = {
    ...DEFAULT_CHECK_OPTIONS,
    ...thresholds,
    sharedUserWords,
    attestations: (config.attestations ?? []).map((a) => ({
      checkId: a.check,
      by: a.by,
      date: a.date,
      note: a.note,
      ...(a.expires !== undefined ? { expires: a.expires } : {}),
    })),
    ...(config.rootEmail !== undefined ? { rootEmail: config.rootEmail } : {}),
    ...(config.securityEmailPattern !== undefined
      ? { securityEmailPattern: config.securityEmailPattern }
      : {}),
    ...(ns
      ? {
          namingStandard: {
            preset: ns.preset,
            exemptions: ns.exemptions ?? [],
            ...(ns.pattern !== undefined ? { pattern: ns.pattern } : {}),
            ...(ns.companyPrefix !== undefined ? { companyPrefix: ns.companyPrefix } : {}),
          },
        }
      : {}),
    ...(extras.roster ? { roster: extras.roster } : {}),
  };
  return {
    ...(extras.file !== undefined ? { file: extras.file } : {}),
    options,
    selection: {
      ...(config.checks?.include ? { include: config.checks.include } : {}),
      ...(config.checks?.exclude ? { exclude: config.checks.exclude } : {}),
    },
    suppressions: (config.suppressions ?? []).map((s) => ({
      check: s.check,
      resource: s.resource,
      reason: s.reason,
      ...(s.owner !== undefined ? { owner: s.owner } : {}),
      ...(s.expires !== undefined ? { expires: s.expires } : {}),
    })),
    ...(config.frameworks ? { frameworks: [...new Set(config.frameworks)] } : {}),
    ...(config.harden ? { harden: resolveHarden(config.harden, extras.file) } : {}),
  };
}

/** Paths in the `harden` section are relative to the config file, like `roster`. */
function resolveHarden(harden: HardenConfig, file: string | undefined): HardenConfig {
  const { secretsDir, ...rest } = harden;
  if (secretsDir === undefined) return rest;
  return { ...rest, secretsDir: file === undefined ? secretsDir : resolve(dirname(file), secretsDir) };
}

/** The config when there is no file: the defaults, every check, no suppressions. */
export const DEFAULT_CONFIG: RampartConfig = {
  options: DEFAULT_CHECK_OPTIONS,
  selection: {},
  suppressions: [],
};

/** Finds (or takes), reads, validates and resolves the config. No file found = defaults. JSON only: never executes code. */
export async function loadConfig(options: LoadConfigOptions): Promise<RampartConfig> {
  const path = options.file !== undefined ? resolve(options.cwd, options.file) : findConfigFile(options.cwd);
  if (path === undefined) return DEFAULT_CONFIG;
  const shown = options.file ?? (relative(options.cwd, path) || CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${shown}: ${readError(path, err)}`);
  }
  const config = validateConfig(parseJson(text, shown), shown, options);

  let roster: CheckOptions['roster'];
  if (config.roster !== undefined) {
    const rosterPath = isAbsolute(config.roster) ? config.roster : join(dirname(path), config.roster);
    const rosterShown = isAbsolute(config.roster) ? config.roster : join(dirname(shown), config.roster);
    let csv: string;
    try {
      csv = await readFile(rosterPath, 'utf8');
    } catch (err) {
      throw new ConfigError(`${shown}: roster: ${rosterShown}: ${readError(rosterPath, err)}`);
    }
    try {
      roster = parseRoster(csv, rosterShown);
    } catch (err) {
      if (err instanceof RosterError) throw new ConfigError(err.message);
      throw err;
    }
  }
  return resolveConfig(config, { file: path, ...(roster ? { roster } : {}) });
}
