import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Messages, type CliIo } from './io.js';
import { loadSnapshot } from './snapshot-source.js';

function fakeIo() {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CliIo = {
    stdout: new PassThrough(),
    stderr,
    env: {},
    cwd: mkdtempSync(join(tmpdir(), 'rampart-source-')),
    now: () => new Date('2026-11-23T12:00:00Z'),
  };
  return { io, msg: new Messages(io, true, false), err: () => err };
}

describe('loadSnapshot: AWS flags beside a file', () => {
  it('says which AWS flags a snapshot or the example ignores (even with --quiet), and reads the file', async () => {
    const a = fakeIo();
    const { source } = await loadSnapshot(
      { example: true, profile: 'prod', region: 'eu-west-1' },
      a.io,
      a.msg,
    );
    expect(source).toBe('example');
    expect(a.err()).toBe(
      'warning: --profile, --region ignored with --example: the file is read and AWS is not called\n',
    );

    const b = fakeIo();
    const file = join(process.cwd(), 'test', 'fixtures', 'snapshots', 'messy.json');
    await loadSnapshot({ snapshot: file, endpointUrl: 'http://127.0.0.1:1' }, b.io, b.msg);
    expect(b.err()).toBe(
      'warning: --endpoint-url ignored with --snapshot: the file is read and AWS is not called\n',
    );
  });

  it('says nothing when only the file is given', async () => {
    const c = fakeIo();
    await loadSnapshot({ example: true }, c.io, c.msg);
    expect(c.err()).toBe('');
  });
});
