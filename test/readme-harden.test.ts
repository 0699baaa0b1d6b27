import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/program.js';
import { processIo } from '../src/cli/io.js';
import { ACTIONS } from '../src/remediation/actions/index.js';
import { hardenActions } from '../src/remediation/permissions.js';
import { ROOT } from './e2e/run-cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('## Hardening');
const hardening = readme.slice(start, readme.indexOf('\n## ', start + 5));

// The Hardening section must stay true as actions and flags change.
describe('README Hardening section', () => {
  it('names every command, action and harden flag', () => {
    expect(start).toBeGreaterThan(-1);
    for (const cmd of [
      'rampart harden',
      'rampart apply',
      'rampart rollback',
      'rampart permissions --for harden',
    ]) {
      expect(hardening).toContain(cmd);
    }
    for (const a of ACTIONS) expect(hardening, a.id).toContain(`\`${a.id}\``);
    const harden = buildProgram(processIo(), () => undefined).commands.find((c) => c.name() === 'harden');
    for (const option of harden?.options ?? []) {
      expect(hardening, option.long ?? '').toContain(option.long ?? '');
    }
  });

  it('lists every permission the actions declare beyond the audit', () => {
    const missing = hardenActions().filter((a) => !hardening.includes(`\`${a}\``));
    expect(missing).toEqual([]);
  });
});
