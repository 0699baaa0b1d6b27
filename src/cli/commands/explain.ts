import { slicesRead } from '../../checks/slices.js';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../../checks/registry.js';
import type { Check } from '../../checks/types.js';
import { closest } from '../../config/suggest.js';
import { hardenCommandFor } from '../../report/render/common.js';
import { controlsText, FRAMEWORKS } from '../../config/types.js';
import { loadCliConfig } from '../config.js';
import { CliError } from '../exit-codes.js';
import { colors } from '../../report/render/colors.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { parseChoice } from './audit.js';
import { checkMetadata } from './checks.js';
import { EXPLAIN_FORMATS } from '../choices.js';

export { EXPLAIN_FORMATS };

const here = dirname(fileURLToPath(import.meta.url));
/** docs/checks of the installed package (dist/cli/commands -> package root; src/cli/commands in tests). */
export const DOCS_DIR = join(here, '..', '..', '..', 'docs', 'checks');

export interface ExplainFlags {
  output: string;
  config?: string;
  color?: boolean;
  quiet?: boolean;
}

/** The check with this id, or a usage error naming the closest ids. */
export function findCheckOrFail(id: string, checks: readonly Check[] = CHECKS): Check {
  const check = checks.find((c) => c.id === id);
  if (check) return check;
  const near = closest(
    id,
    checks.map((c) => c.id),
  );
  throw new CliError(
    `unknown check id '${id}'${near.length > 0 ? ` (closest: ${near.join(', ')})` : ''}; see \`rampart checks\``,
  );
}

async function readDocs(id: string): Promise<string> {
  const file = join(DOCS_DIR, `${id}.md`);
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new CliError(`${file}: the docs page of ${id} is missing from this installation`);
  }
}

/** `rampart explain ID`: the check's metadata, then its docs page (why, how it is evaluated, how to fix). */
export async function explainCommand(id: string, flags: ExplainFlags, io: CliIo): Promise<number> {
  const format = parseChoice(flags.output, EXPLAIN_FORMATS, '--output');
  const check = findCheckOrFail(id);
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  const frameworks = (await loadCliConfig(flags.config, io, msg)).frameworks ?? FRAMEWORKS;
  const docs = await readDocs(check.id);
  if (format === 'json') {
    io.stdout.write(
      `${JSON.stringify({ ...checkMetadata(check, frameworks), docsMarkdown: docs }, null, 2)}\n`,
    );
    return 0;
  }
  const c = colors(useColor(flags.color, io.stdout, io.env));
  const out = [
    c.bold(`${check.id} — ${check.title}`),
    `severity: ${check.severity} · area: ${check.area}${check.securityStatus !== undefined ? ` · IAM Security Status item ${check.securityStatus}` : ''}`,
    `controls: ${controlsText(check.controls, frameworks) || 'none'}`,
    // What a live `--checks` run of this check collects: its own slices and, for the admin checks, the slices
    // their shared analysis reads (optional: without them it judges IAM policies alone and says so).
    `reads: ${slicesRead([check])
      .map((s) => ((check.needs as readonly string[]).includes(s) ? s : `${s} (optional)`))
      .join(', ')}`,
    `fix: ${check.remediation.action ? `${hardenCommandFor(check.remediation)} (action ${check.remediation.action})` : 'manual steps (see How to fix)'}`,
    '',
    docs.trimEnd(),
    '',
  ];
  io.stdout.write(out.join('\n'));
  return 0;
}
