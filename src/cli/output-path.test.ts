import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputPath, refuseSameFile } from './output-path.js';

describe('checkOutputPath', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-out-'));
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'file.txt'), 'x');

  it('accepts a new or existing file in a writable directory, and no flag at all', async () => {
    await checkOutputPath('--out', 'new.json', dir);
    await checkOutputPath('--out', 'file.txt', dir);
    await checkOutputPath('--out', undefined, dir);
  });

  it('refuses, naming the flag and path: a directory, a missing directory, a file used as a directory', async () => {
    await expect(checkOutputPath('--out', 'sub', dir)).rejects.toThrow(
      '--out sub: is a directory, expected a file path',
    );
    await expect(checkOutputPath('--output-file', 'nodir/x.json', dir)).rejects.toThrow(
      '--output-file nodir/x.json: nodir does not exist',
    );
    await expect(checkOutputPath('--journal', 'file.txt/j.jsonl', dir)).rejects.toThrow(
      '--journal file.txt/j.jsonl: file.txt is not a directory',
    );
  });

  it.skipIf(process.getuid?.() === 0)('refuses a directory it cannot write in', async () => {
    await mkdir(join(dir, 'ro'));
    await chmod(join(dir, 'ro'), 0o500);
    await expect(checkOutputPath('--plan-out', 'ro/p.json', dir)).rejects.toThrow('not writable');
  });
});

describe('refuseSameFile', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-same-'));
  await writeFile(join(dir, 'snap.json'), '{}');
  await symlink(join(dir, 'snap.json'), join(dir, 'link.json'));

  it('refuses an output that is an input of the run, by another spelling or a symbolic link too', async () => {
    const message =
      '--output-file snap.json: is the --snapshot file of this run (snap.json), which it would overwrite; write it to another file';
    await expect(
      refuseSameFile([['--output-file', 'snap.json']], [['--snapshot', 'snap.json']], dir),
    ).rejects.toThrow(message);
    await expect(
      refuseSameFile(
        [['--output-file', './sub/../link.json']],
        [['--snapshot', join(dir, 'snap.json')]],
        dir,
      ),
    ).rejects.toThrow('--output-file ./sub/../link.json: is the --snapshot file of this run');
  });

  it('refuses two outputs of the same run in one file, even one not written yet', async () => {
    await expect(
      refuseSameFile(
        [
          ['--save-snapshot', 'new.json'],
          ['--output-file', './new.json'],
        ],
        [],
        dir,
      ),
    ).rejects.toThrow('--output-file ./new.json: is the --save-snapshot file of this run (new.json)');
  });

  it('accepts distinct files and absent flags', async () => {
    await refuseSameFile(
      [
        ['--save-snapshot', 'a.json'],
        ['--output-file', undefined],
      ],
      [
        ['--snapshot', 'snap.json'],
        ['--config', undefined],
      ],
      dir,
    );
  });
});
