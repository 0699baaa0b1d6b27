import Table from 'cli-table3';
import { CHECKS } from '../../checks/registry.js';
import type { Check } from '../../checks/types.js';
import {
  FRAMEWORK_LABELS,
  FRAMEWORK_SHORT_LABELS,
  FRAMEWORKS,
  shortControlsText,
  selectControls,
  type Framework,
} from '../../config/types.js';
import { colors } from '../../report/render/colors.js';
import { loadCliConfig } from '../config.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { parseChoice } from './audit.js';
import { CATALOG_FORMATS } from '../choices.js';

export { CATALOG_FORMATS };

export interface ChecksFlags {
  output: string;
  config?: string;
  color?: boolean;
  quiet?: boolean;
}

/** Everything a check declares, as data (what `rampart checks --output json` prints). */
export function checkMetadata(check: Check, frameworks: readonly Framework[] = FRAMEWORKS) {
  return {
    id: check.id,
    title: check.title,
    area: check.area,
    severity: check.severity,
    rationale: check.rationale,
    controls: selectControls(check.controls, frameworks),
    needs: [...check.needs],
    uses: [...(check.uses ?? [])],
    remediation: check.remediation,
    ...(check.securityStatus !== undefined ? { securityStatus: check.securityStatus } : {}),
    docs: `docs/checks/${check.id}.md`,
  };
}

/** The narrowest the title and controls columns get in the table (text, without padding). */
const MIN_TITLE = 20;
const MIN_CONTROLS = 12;

/**
 * `text` in lines of at most `width` characters, broken between words, and inside a word too long for a line
 * after its commas (`IAM.7,IAM.11,...`); a piece still too long stays whole on its line.
 */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const pieces = word.length > width ? word.split(/(?<=,)/) : [word];
    pieces.forEach((piece, i) => {
      const sep = line && i === 0 ? ' ' : '';
      if (line && line.length + sep.length + piece.length > width) {
        lines.push(line);
        line = piece;
      } else line = `${line}${sep}${piece}`;
    });
  }
  return line ? [...lines, line] : lines;
}

/**
 * The catalog: id, severity, area, title, controls (of the configured frameworks). `width`: the terminal's
 * columns, which every line fits: the title and controls wrap (an id, what the user copies, never does); a
 * terminal too narrow for a table with a readable title (under about 100 columns) gets one block per check, the
 * id, severity and area on its first line, the title and controls indented below. Without `width` (stdout piped
 * to a file, grep or a pager) every check is one line of the table, its title whole.
 */
export function renderCatalogTable(
  checks: readonly Check[],
  frameworks: readonly Framework[],
  color: boolean,
  width?: number,
): string {
  const head = ['id', 'severity', 'area', 'title', 'controls'];
  const rows = checks.map((c) => [
    c.id,
    c.severity,
    c.area,
    c.title,
    shortControlsText(c.controls, frameworks),
  ]);
  const legend = frameworks.map((f) => `${FRAMEWORK_SHORT_LABELS[f]} = ${FRAMEWORK_LABELS[f]}`).join(', ');
  const footerText = `${checks.length} checks (${legend}). Details and fixes: rampart explain ID`;
  const footer = `${width === undefined ? footerText : wrapWords(footerText, width).join('\n')}\n`;
  // Each cell's text is padded by one space on both sides; each column adds one border character, plus one.
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)) + 2);
  const [id = 0, severity = 0, area = 0, title = 0, controls = 0] = natural;
  const flexible = width === undefined ? 0 : width - (id + severity + area) - (head.length + 1);
  if (width !== undefined && flexible < MIN_TITLE + 2 + MIN_CONTROLS + 2) {
    const c = colors(color);
    const indent = '    ';
    const text = Math.max(MIN_TITLE, width - indent.length);
    const lines = rows.flatMap(([cid = '', sev = '', ar = '', ttl = '', ctl = '']) => [
      // Severity and area beside the id when they fit, else on the next line.
      ...(`${cid}  ${sev}  ${ar}`.length <= width
        ? [`${c.bold(cid)}  ${sev}  ${ar}`]
        : [c.bold(cid), `${indent}${sev}  ${ar}`]),
      ...wrapWords(ttl, text).map((l) => `${indent}${l}`),
      ...(ctl ? wrapWords(ctl, text).map((l) => c.dim(`${indent}${l}`)) : []),
    ]);
    return `${lines.join('\n')}\n${footer}`;
  }
  // Controls keep up to 40% of the room left (short codes); the title takes the rest.
  const controlsWidth = Math.min(controls, Math.max(MIN_CONTROLS + 2, Math.floor(flexible * 0.4)));
  const colWidths = [id, severity, area, Math.min(title, flexible - controlsWidth), controlsWidth];
  const table = new Table({
    head,
    ...(width !== undefined ? { colWidths } : {}),
    // No rule between rows: one check per block of lines keeps the catalog compact.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: color ? { head: ['bold'] } : { head: [], border: [] },
  });
  // Title and controls wrapped here, not by the table, which would cut a long list of controls short with '…'.
  table.push(
    ...rows.map((r) =>
      width === undefined
        ? r
        : r.map((cell, i) => (i >= 3 ? wrapWords(cell, (colWidths[i] ?? 0) - 2).join('\n') : cell)),
    ),
  );
  return `${table.toString()}\n${footer}`;
}

/** The terminal's width when stdout is one (80 when it does not say), else undefined: piped output is not wrapped. */
export function terminalWidth(stdout: CliIo['stdout']): number | undefined {
  if (!stdout.isTTY) return undefined;
  return stdout.columns !== undefined && stdout.columns > 0 ? stdout.columns : 80;
}

/** `rampart checks`: lists the catalog; the config's `frameworks` chooses which control mappings show. */
export async function checksCommand(flags: ChecksFlags, io: CliIo): Promise<number> {
  const format = parseChoice(flags.output, CATALOG_FORMATS, '--output');
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  const config = await loadCliConfig(flags.config, io, msg);
  const frameworks = config.frameworks ?? FRAMEWORKS;
  if (format === 'json') {
    io.stdout.write(
      `${JSON.stringify(
        CHECKS.map((c) => checkMetadata(c, frameworks)),
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout.write(
      renderCatalogTable(
        CHECKS,
        frameworks,
        useColor(flags.color, io.stdout, io.env),
        terminalWidth(io.stdout),
      ),
    );
  }
  return 0;
}
