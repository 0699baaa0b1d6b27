import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrivateFile } from './io.js';

describe('writePrivateFile', () => {
  it('writes mode 0600, also over an existing file with wider permissions, text or bytes', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'rampart-io-')), 'secret.txt');
    await writeFile(file, 'old', { mode: 0o644 });
    await writePrivateFile(file, 'seed: ABC');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe('seed: ABC');
    await writePrivateFile(file, Uint8Array.from([1, 2]));
    expect([...(await readFile(file))]).toEqual([1, 2]);
  });
});
