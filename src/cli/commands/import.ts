import { importSnapshot } from '../../snapshot/import.js';
import { InputError, writeSnapshot } from '../../snapshot/io.js';
import { CliError } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { checkOutputPath } from '../output-path.js';

export interface ImportFlags {
  out?: string;
  color?: boolean;
  quiet?: boolean;
}

/** Builds a snapshot (mode 0600) from a directory of AWS CLI exports; no AWS calls. */
export async function importCommand(dir: string, flags: ImportFlags, io: CliIo): Promise<number> {
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  await checkOutputPath('--out', flags.out, io.cwd);
  let snapshot;
  try {
    snapshot = await importSnapshot(dir, {
      now: io.now(),
      warn: (m) => {
        msg.warn(m);
      },
    });
  } catch (err) {
    if (err instanceof InputError) throw new CliError(err.message);
    throw err;
  }
  const file = flags.out ?? `rampart-snapshot-${snapshot.meta.accountId}-import.json`;
  await writeSnapshot(file, snapshot);
  const skipped = Object.entries(snapshot.slices).filter(([, s]) => s.status === 'skipped');
  msg.info(`Snapshot written to ${file} (mode 0600); audit it with: rampart audit --snapshot ${file}`);
  if (skipped.length > 0) {
    // A warning, so --quiet keeps it: these checks will not be evaluated.
    msg.warn(
      `${skipped.length} slice(s) had no export and were skipped (their checks will report error): ${skipped
        .map(([name]) => name)
        .join(', ')}`,
    );
  }
  return 0;
}
