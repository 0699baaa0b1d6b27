// Prints the closing "N passed, N failed" line from vitest's JSON reporter output.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`ci-summary: cannot read vitest JSON report ${file}: ${err.message}`);
  process.exit(1);
}
// Suites that failed to load count as failures: their tests never ran.
const brokenSuites = report.testResults.filter(
  (s) => s.status === 'failed' && s.assertionResults.length === 0,
).length;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests + brokenSuites} failed`);
