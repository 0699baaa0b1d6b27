import type { Report } from '../model.js';
import { colors as makeColors } from './colors.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html/index.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOcsf } from './ocsf.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';
import { OUTPUT_FORMATS } from './formats.js';

export { OUTPUT_FORMATS };
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  color: boolean;
}

/** Every output format; machine formats are never coloured. */
export const RENDERERS: Record<OutputFormat, (report: Report, options: RenderOptions) => string> = {
  table: (report, { color }) => renderTable(report, makeColors(color)),
  json: (report) => renderJson(report),
  sarif: (report) => renderSarif(report),
  ocsf: (report) => renderOcsf(report),
  csv: (report) => renderCsv(report),
  junit: (report) => renderJunit(report),
  markdown: (report) => renderMarkdown(report),
  html: (report) => renderHtml(report),
};

export function render(report: Report, format: OutputFormat, options: RenderOptions): string {
  return RENDERERS[format](report, options);
}
