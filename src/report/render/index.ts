import type { Report } from '../model.js';
import { colors as makeColors } from './colors.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';

export const OUTPUT_FORMATS = ['table', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  color: boolean;
}

/** Every output format; machine formats are never coloured. */
export const RENDERERS: Record<OutputFormat, (report: Report, options: RenderOptions) => string> = {
  table: (report, { color }) => renderTable(report, makeColors(color)),
  json: (report) => renderJson(report),
};

export function render(report: Report, format: OutputFormat, options: RenderOptions): string {
  return RENDERERS[format](report, options);
}
