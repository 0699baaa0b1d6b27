import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/registry.js';
import { identityCollector } from '../src/collectors/identity.js';
import { COLLECTORS } from '../src/collectors/registry.js';
import { buildProgram } from '../src/cli/program.js';
import type { CliIo } from '../src/cli/io.js';
import { ROOT } from './e2e/run-cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = (heading: string): string => {
  const start = readme.indexOf(heading);
  const end = readme.indexOf('\n## ', start + heading.length);
  return readme.slice(start, end === -1 ? undefined : end);
};

// The README is the front door: it must stay true as collectors and checks are added.
describe('README', () => {
  it('lists every IAM action the audit collectors call', () => {
    const permissions = section('## Permissions the audit needs');
    const actions = [...new Set([identityCollector, ...COLLECTORS].flatMap((c) => c.actions))];
    const missing = actions.filter((a) => !permissions.includes(`\`${a}\``));
    expect(missing).toEqual([]);
  });

  it('lists every check id', () => {
    const missing = CHECKS.map((c) => c.id).filter((id) => !readme.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });

  it('documents every command and every flag of each', () => {
    const program = buildProgram({} as CliIo, () => undefined);
    const missing: string[] = [];
    for (const cmd of program.commands) {
      if (!readme.includes(`rampart ${cmd.name()}`)) missing.push(cmd.name());
      for (const opt of cmd.options) {
        const flag = opt.long ?? '';
        // In a code span: `--flag VALUE`, `-q, --quiet`, `rampart permissions --for harden`.
        if (flag && !new RegExp(`\`[^\`\n]*${flag}\\b`).test(readme)) missing.push(`${cmd.name()} ${flag}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
