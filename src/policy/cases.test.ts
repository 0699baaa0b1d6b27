import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile.js';
import { RequestContext } from './context.js';
import { authorize, decide, type Caller, type Layers } from './evaluate.js';

// Table-driven engine cases: src/policy/cases/*.json, each case citing the AWS page it comes from.

interface Case {
  name: string;
  source: string;
  identity: unknown[];
  boundary?: unknown[];
  scps?: unknown[][];
  resourcePolicy?: unknown[];
  trust?: unknown[];
  caller?: Caller;
  request: {
    action: string;
    resource: string;
    context?: Record<string, string | string[]>;
    absent?: string[];
    otherKeys?: 'free' | 'absent';
  };
  expect: 'allow' | 'explicit-deny' | 'implicit-deny' | 'conditional';
  expectKeys?: string[];
  expectAccess?: 'unconditional' | 'mfa' | 'conditional' | 'denied';
  expectBlockedBy?: string;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

function layersOf(c: Case): Layers {
  const compile = (docs: unknown[], kind: 'managed' | 'boundary' | 'scp' | 'resource' | 'trust') =>
    docs.map((d, i) => compilePolicy(d, { id: `${kind}-${i}`, name: `${kind}-${i}`, kind }));
  const layers: Layers = { identity: compile(c.identity, 'managed') };
  if (c.boundary) layers.boundary = compile(c.boundary, 'boundary');
  if (c.scps) layers.scps = c.scps.map((level) => compile(level, 'scp'));
  const caller = c.caller ?? {
    arn: 'arn:aws:iam::123456789012:user/alice',
    accountId: '123456789012',
    kind: 'user',
  };
  if (c.trust) layers.resource = { policies: compile(c.trust, 'trust'), caller, required: true };
  if (c.resourcePolicy)
    layers.resource = { policies: compile(c.resourcePolicy, 'resource'), caller, required: false };
  return layers;
}

const lower = (keys: readonly string[]) => keys.map((k) => k.toLowerCase()).sort();

describe.each(files)('policy cases %s', (file) => {
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Case[] };
  it('every case cites an AWS documentation page', () => {
    for (const c of data.cases) expect(c.source, c.name).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
  it.each(data.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layers = layersOf(c);
    for (const l of [...layers.identity, ...(layers.boundary ?? [])]) expect(l.problems).toEqual([]);
    const ctx = new RequestContext({
      values: c.request.context ?? {},
      absent: c.request.absent ?? [],
      otherKeys: c.request.otherKeys ?? 'absent',
    });
    const d = decide(layers, c.request.action, c.request.resource, ctx);
    expect(d.outcome).toBe(c.expect);
    if (c.expectBlockedBy) expect(d.blockedBy).toBe(c.expectBlockedBy);
    if (c.expectKeys && c.expect === 'conditional') expect(lower(d.keys)).toEqual(lower(c.expectKeys));
    if (c.expectAccess) {
      const access = authorize(layers, c.request.action, c.request.resource, ctx);
      expect(access.level).toBe(c.expectAccess);
      if (c.expectKeys && c.expectAccess === 'conditional')
        expect(lower(access.keys)).toEqual(lower(c.expectKeys));
    }
  });
});
