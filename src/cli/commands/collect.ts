import { writeSnapshot } from '../../snapshot/io.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { collectLive, openSession, type AwsFlags } from '../live.js';
import { checkOutputPath } from '../output-path.js';

export interface CollectFlags extends AwsFlags {
  out?: string;
  color?: boolean;
  quiet?: boolean;
}

/** Collects a snapshot of the live account into a file (mode 0600); audits it later with --snapshot. */
export async function collectCommand(flags: CollectFlags, io: CliIo): Promise<number> {
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  await checkOutputPath('--out', flags.out, io.cwd);
  const pool = await openSession(flags, io, msg);
  const snapshot = await collectLive(pool, io, msg);
  const file =
    flags.out ?? `rampart-snapshot-${snapshot.meta.accountId}-${snapshot.meta.generatedAt.slice(0, 10)}.json`;
  await writeSnapshot(file, snapshot);
  const errors = Object.entries(snapshot.slices).filter(([, s]) => s.status === 'error');
  msg.info(`Snapshot written to ${file} (mode 0600); audit it with: rampart audit --snapshot ${file}`);
  if (errors.length > 0) {
    msg.warn(`${errors.length} slice(s) could not be collected: ${errors.map(([name]) => name).join(', ')}`);
  }
  return 0;
}
