import type { Report } from '../../model.js';
import { ReportPage } from './page.js';

/** One self-contained HTML file: inline CSS and script, no network, every report value rendered as text. */
export function renderHtml(report: Report): string {
  const page = <ReportPage report={report} />;
  if (page instanceof Promise) throw new Error('the HTML report must render synchronously');
  return `<!DOCTYPE html>\n${page.toString()}\n`;
}
