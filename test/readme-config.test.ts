import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/registry.js';
import { validateConfig } from '../src/config/load.js';
import { configSchema } from '../src/config/schema.js';
import { ROOT } from './e2e/run-cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('## Configuration');
const configSection = readme.slice(start, readme.indexOf('\n## ', start + 5));

// The README's Configuration section is what users copy: it must stay valid as the schema and catalog change.
describe('README Configuration section', () => {
  it('has a full example that the loader accepts', () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(configSection)?.[1];
    expect(example).toBeDefined();
    const json: unknown = JSON.parse(example ?? '');
    expect(() =>
      validateConfig(json, 'README.md', {
        now: new Date(),
        checkIds: CHECKS.map((c) => c.id),
        attestableCheckIds: CHECKS.filter((c) => c.attestable).map((c) => c.id),
      }),
    ).not.toThrow();
  });

  it('its full example is the bundled examples/rampart.config.json, word for word, and uses every key', () => {
    const inReadme =
      /A full example \(also in \[examples\/rampart\.config\.json\]\(examples\/rampart\.config\.json\)\):\n\n```json\n([\s\S]*?)\n```/.exec(
        configSection,
      )?.[1];
    const bundled = readFileSync(join(ROOT, 'examples', 'rampart.config.json'), 'utf8');
    expect(inReadme).toBe(bundled.trimEnd());
    // Full: every top-level key and every threshold of the schema.
    const json = JSON.parse(bundled) as { thresholds: object; harden: object };
    const shape = configSchema().shape;
    expect(Object.keys(json).sort()).toEqual(Object.keys(shape).sort());
    expect(Object.keys(json.thresholds).sort()).toEqual(Object.keys(shape.thresholds.unwrap().shape).sort());
  });

  it('documents every top-level key and every threshold of the schema', () => {
    const shape = configSchema().shape;
    const missing = Object.keys(shape).filter((key) => !configSection.includes(`| \`${key}\` |`));
    expect(missing).toEqual([]);
    const thresholds = Object.keys(shape.thresholds.unwrap().shape).filter(
      (key) => !configSection.includes(`\`${key}\``),
    );
    expect(thresholds).toEqual([]);
  });

  it('names exactly the checks that take attestations', () => {
    const row = configSection.split('\n').find((l) => l.startsWith('| `attestations` |')) ?? '';
    const named = CHECKS.filter((c) => row.includes(`\`${c.id}\``)).map((c) => c.id);
    expect(named).toEqual(CHECKS.filter((c) => c.attestable).map((c) => c.id));
  });

  it('documents --config, rampart checks and rampart explain', () => {
    expect(readme).toContain('| `--config FILE` |');
    expect(readme).toContain('### `rampart checks`');
    expect(readme).toContain('### `rampart explain ID`');
  });
});
