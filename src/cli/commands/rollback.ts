import { resolve } from 'node:path';
import { ACTIONS } from '../../remediation/actions/index.js';
import { JournalError, readJournal, Journal } from '../../remediation/journal.js';
import { checkJournal, rollback, RollbackRefused } from '../../remediation/rollback.js';
import { CliError, EXIT } from '../exit-codes.js';
import { Messages, useColor, type CliIo } from '../io.js';
import { openSession, type AwsFlags } from '../live.js';
import { parseChoice } from './audit.js';
import { APPLY_OUTPUTS, callerIdentity, makePrompter } from './apply.js';

export interface RollbackFlags extends AwsFlags {
  yes?: boolean;
  output: string;
  color?: boolean;
  quiet?: boolean;
}

/** `rampart rollback JOURNAL`: undoes what the journal says Rampart did, newest first. */
export async function rollbackCommand(file: string, flags: RollbackFlags, io: CliIo): Promise<number> {
  const format = parseChoice(flags.output, APPLY_OUTPUTS, '--output');
  const path = resolve(io.cwd, file);
  let records;
  try {
    records = await readJournal(path);
  } catch (err) {
    if (err instanceof JournalError) throw new CliError(err.message);
    throw err;
  }
  if (!records) throw new CliError(`${file}: no such file`);
  const prompter = makePrompter(io, flags.yes ?? false);
  const msg = new Messages(io, flags.quiet ?? false, useColor(flags.color, io.stderr, io.env));
  // A record rollback could not undo stops it here, before any AWS call, rather than halfway through.
  let checked;
  try {
    checked = checkJournal(new Journal(path, records), ACTIONS);
  } catch (err) {
    if (err instanceof JournalError) throw new CliError(err.message);
    throw err;
  }
  // Undo where the run made its changes: the journal's region, not the session's default.
  const region = checked.journal.begin?.region;
  if (region !== undefined && flags.region !== undefined && flags.region !== region) {
    throw new CliError(
      `--region ${flags.region}: ${file} records changes made in region ${region}; drop --region to undo them there`,
    );
  }
  const pool = await openSession(region === undefined ? flags : { ...flags, region }, io, msg);
  const identity = await callerIdentity(pool);
  let results;
  try {
    results = await rollback({
      checked,
      pool,
      identity,
      say: (line) => {
        msg.info(line);
      },
      now: io.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      confirm: async (summary) => {
        msg.info(summary);
        return prompter.confirm('Undo these changes?');
      },
    });
  } catch (err) {
    if (err instanceof RollbackRefused) throw new CliError(`rollback refused: ${err.message}`);
    throw err;
  }
  if (format === 'json') io.stdout.write(`${JSON.stringify({ journal: path, undone: results }, null, 2)}\n`);
  else {
    for (const r of results) io.stdout.write(`${r.ok ? msg.c.green('✔') : msg.c.red('✘')} ${r.message}\n`);
  }
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.incomplete;
}
