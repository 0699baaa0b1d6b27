import { EVENT_HISTORY_DAYS, rootEvent } from '../collectors/root-activity.js';
import { InputError } from './io.js';
import { EXPORT_FILES } from './import-files.js';
import { type Built, type ExportReader } from './import-reader.js';
import type { SliceData } from './schema.js';

/** Root console sign-ins are recorded in us-east-1 only: without that region the history says nothing of them. */
const SIGN_IN_REGION = 'us-east-1';

/**
 * The root user's CloudTrail event history from `lookup-events-<user name>.<region>.json`
 * (aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=NAME), for the user name
 * `root` and each account alias (CloudTrail may record a root event under the alias), in us-east-1 and every
 * other region exported. Any of those files missing skips the slice naming it: a query not exported could hold
 * the one root sign-in, so the history is all or nothing. The CLI reads every page, so nothing is truncated.
 * The output does not say when it was taken: the oldest file's modification time is the end of the history
 * (as for credential-report.csv), and it starts the 90 days CloudTrail keeps before that.
 */
export async function importRootActivity(
  reader: ExportReader,
  aliases: SliceData['accountAliases'] | undefined,
): Promise<Built> {
  const { lookupEvents } = EXPORT_FILES;
  const regions = [...new Set([SIGN_IN_REGION, ...reader.regions(`${lookupEvents.prefix}root`)])].sort();
  if (!aliases) {
    return {
      status: 'skipped',
      reason: `needs list-account-aliases.json in ${reader.dir}: CloudTrail may record root events under the account alias`,
    };
  }
  const Usernames = ['root', ...aliases.AccountAliases];
  const files = regions.flatMap((r) => Usernames.map((u) => lookupEvents.file(u, r)));
  const missing = files.filter((f) => !reader.has(f));
  if (missing.length > 0) {
    const all = missing.length > 1 ? ' (each is needed)' : '';
    return { status: 'skipped', reason: `no ${missing.join(', ')} in ${reader.dir}${all}` };
  }

  const events = new Map<string, NonNullable<ReturnType<typeof rootEvent>>>();
  let EndTime: Date | undefined;
  for (const file of files) {
    const taken = await reader.mtime(file);
    if (!EndTime || taken < EndTime) EndTime = taken;
    for (const e of await reader.list(file, 'Events')) {
      // aws-cli v1 prints EventTime as epoch seconds, v2 as ISO text.
      const time = typeof e.EventTime === 'number' ? e.EventTime * 1000 : Date.parse(String(e.EventTime));
      if (Number.isNaN(time)) {
        throw new InputError(
          `${reader.path(file)}: an event without a valid EventTime; expected the output of \`aws cloudtrail lookup-events\``,
        );
      }
      const root = rootEvent({ ...e, EventTime: new Date(time) });
      if (root && !events.has(root.EventId)) events.set(root.EventId, root);
    }
  }
  const end = EndTime ?? new Date();
  return {
    status: 'ok',
    data: {
      StartTime: new Date(end.getTime() - EVENT_HISTORY_DAYS * 86_400_000).toISOString(),
      EndTime: end.toISOString(),
      Regions: regions,
      Usernames,
      Events: [...events.values()].sort((a, b) => b.EventTime.localeCompare(a.EventTime)),
      pages: 0,
      truncated: false,
      notes: [`imported from ${files.join(', ')}; the end of the history is the files' modification time`],
    },
    file: reader.path('lookup-events-*.json'),
  };
}
