import { InputError } from './io.js';
import { EXPORT_FILES } from './import-files.js';
import { isoTimes, type Built, type ExportReader } from './import-reader.js';

const ENABLED = new Set(['ENABLED', 'ENABLED_BY_DEFAULT']);

/**
 * Access Analyzer analyzers are regional and the check wants one in every enabled region, so the import needs
 * both the account's enabled regions (`list-regions.json`, aws account list-regions) and one
 * `list-analyzers.<region>.json` per region. Without the region list a region that was not exported cannot
 * be told from one that has no analyzer, so the slice is skipped saying so; an enabled region without its
 * file is recorded as unread (the check reports it as an error, never a pass).
 */
export async function importAccessAnalyzers(reader: ExportReader): Promise<Built> {
  const { analyzers, regions } = EXPORT_FILES;
  const exported = reader.regions(analyzers.command);
  const regionsFile = regions.name;
  if (!reader.has(regionsFile)) {
    return {
      status: 'skipped',
      reason:
        exported.length === 0
          ? reader.missing(regionsFile, 'list-analyzers.<region>.json')
          : `${reader.missing(regionsFile)}: without the account's enabled regions (aws account list-regions), a region that was not exported cannot be told from one without an analyzer`,
    };
  }
  if (exported.length === 0) {
    return { status: 'skipped', reason: reader.missing('list-analyzers.<region>.json') };
  }
  const enabled = (await reader.list(regionsFile, 'Regions'))
    .filter((r) => typeof r.RegionOptStatus !== 'string' || ENABLED.has(r.RegionOptStatus))
    .map((r) => r.RegionName)
    .filter((r): r is string => typeof r === 'string');
  if (enabled.length === 0) {
    throw new InputError(
      `${reader.path(regionsFile)}: no enabled region; expected the output of \`aws account list-regions --region-opt-status-contains ENABLED ENABLED_BY_DEFAULT\``,
    );
  }
  const Regions = [];
  const Unread = [];
  for (const Region of [...new Set([...enabled, ...exported])].sort()) {
    const file = analyzers.file(Region);
    if (reader.has(file)) Regions.push({ Region, Analyzers: await reader.list(file, 'analyzers') });
    else Unread.push({ Region, Message: reader.missing(file) });
  }
  return {
    status: 'ok',
    data: isoTimes({ Regions, Unread, RegionSource: 'enabled-regions' }, /At$/),
    file: reader.path('list-analyzers.*.json'),
  };
}
