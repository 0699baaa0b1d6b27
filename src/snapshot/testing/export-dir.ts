import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { importSnapshot } from '../import.js';
import { InputError } from '../io.js';
import type { SliceData, SliceName, Snapshot } from '../schema.js';

/** The bundled AWS CLI export of a hardened account (see its README). */
export const EXPORT_FIXTURE = join(import.meta.dirname, '../../../test/fixtures/aws-cli-export');

/** Test helpers for the importer: temporary export directories, removed after each test of the calling file. */
export function exportDirs() {
  const temps: string[] = [];
  afterEach(async () => {
    await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return {
    /** A temporary export directory holding the named fixture files plus `extra` (name -> content; objects as JSON). */
    exportDir: async (
      fixtureFiles: string[],
      extra: Record<string, string | object> = {},
    ): Promise<string> => {
      const dir = await mkdtemp(join(tmpdir(), 'rampart-import-'));
      temps.push(dir);
      for (const f of fixtureFiles) await cp(join(EXPORT_FIXTURE, f), join(dir, f));
      for (const [name, content] of Object.entries(extra)) {
        await writeFile(
          join(dir, name),
          typeof content === 'string' ? content : JSON.stringify(content, null, 4),
        );
      }
      return dir;
    },
  };
}

/** The one-line InputError importSnapshot throws for `dir`. */
export async function importError(dir: string): Promise<string> {
  try {
    await importSnapshot(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected importSnapshot to fail');
}

/** The data of an `ok` slice (fails the test with the slice otherwise). */
export function sliceData<K extends SliceName>(snapshot: Snapshot, slice: K): SliceData[K] {
  const s = snapshot.slices[slice];
  if (s.status !== 'ok') throw new Error(`${slice} is ${s.status}: ${JSON.stringify(s)}`);
  return s.data;
}
