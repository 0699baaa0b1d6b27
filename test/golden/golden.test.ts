import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS, render, type OutputFormat } from '../../src/report/render/index.js';
import { FIXTURES, fixtureReport } from '../fixtures/reports.js';

// Whole-account goldens for every output format. Checks are added to the registry all the time, so these
// change as main moves: regenerate with `npx vitest run -u test/golden` and read the diff before committing.

const FILE: Record<OutputFormat, string> = {
  table: 'report.txt',
  json: 'report.json',
  sarif: 'report.sarif',
  ocsf: 'report.ocsf.jsonl',
  csv: 'report.csv',
  junit: 'junit.xml',
  markdown: 'report.md',
  html: 'report.html',
};

describe.each(FIXTURES)('golden outputs: %s account', (fixture) => {
  const report = fixtureReport(fixture);
  it.each(OUTPUT_FORMATS)('%s', async (format) => {
    const first = render(report, format, { color: false });
    // Pure: rendering twice gives the same bytes.
    expect(render(report, format, { color: false })).toBe(first);
    await expect(first).toMatchFileSnapshot(`./${fixture}/${FILE[format]}`);
  });
});
