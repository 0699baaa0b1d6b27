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

/** The catalog as a terminal table: id, severity, area, title, controls (of the configured frameworks). */
export function renderCatalogTable(
  checks: readonly Check[],
  frameworks: readonly Framework[],
  color: boolean,
): string {
  const table = new Table({
    head: ['id', 'severity', 'area', 'title', 'controls'],
    colWidths: [null, null, null, 50, 36],
    wordWrap: true,
    // No rule between rows: one check per block of lines keeps the catalog compact.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: color ? { head: ['bold'] } : { head: [], border: [] },
  });
  for (const c of checks) {
    table.push([c.id, c.severity, c.area, c.title, shortControlsText(c.controls, frameworks)]);
  }
  const legend = frameworks.map((f) => `${FRAMEWORK_SHORT_LABELS[f]} = ${FRAMEWORK_LABELS[f]}`).join(', ');
  return `${table.toString()}\n${checks.length} checks (${legend}). Details and fixes: rampart explain ID\n`;
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
    io.stdout.write(renderCatalogTable(CHECKS, frameworks, useColor(flags.color, io.stdout, io.env)));
  }
  return 0;
}
