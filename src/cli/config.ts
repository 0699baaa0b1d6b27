import { relative } from 'node:path';
import { CHECKS } from '../checks/registry.js';
import type { Check } from '../checks/types.js';
import { ConfigError, loadConfig } from '../config/load.js';
import type { CheckSelection, RampartConfig } from '../config/types.js';
import { CliError } from './exit-codes.js';
import type { CliIo, Messages } from './io.js';

/** Loads `--config FILE` or the rampart.config.json found upward from the working directory; errors exit 2. */
export async function loadCliConfig(
  file: string | undefined,
  io: CliIo,
  msg: Messages,
): Promise<RampartConfig> {
  try {
    const config = await loadConfig({
      ...(file !== undefined ? { file } : {}),
      cwd: io.cwd,
      now: io.now(),
      checkIds: CHECKS.map((c) => c.id),
    });
    if (config.file !== undefined)
      msg.info(msg.c.dim(`Using config ${relative(io.cwd, config.file) || config.file}`));
    return config;
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}

/** Splits and validates `--checks a,b`; unknown ids are usage errors. */
export function parseChecksFlag(value: string | undefined, checks: readonly Check[]): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (!checks.some((c) => c.id === id))
      throw new CliError(`--checks: unknown check id '${id}' (see \`rampart checks\`)`);
  }
  return ids;
}

/** The checks to run: `--checks` when given (exactly those), else the config's include (default all) minus exclude. */
export function selectChecks(
  checks: readonly Check[],
  selection: CheckSelection,
  only: readonly string[] | undefined,
): Check[] {
  if (only) return checks.filter((c) => only.includes(c.id));
  const { include, exclude } = selection;
  return checks.filter((c) => (include ? include.includes(c.id) : true) && !(exclude ?? []).includes(c.id));
}
