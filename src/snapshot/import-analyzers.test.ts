import { describe, expect, it } from 'vitest';
import accessAnalyzerEnabled from '../checks/iam/iam-access-analyzer-enabled.js';
import { runOne, statuses } from '../checks/testing.js';
import { importSnapshot } from './import.js';
import { exportDirs, importError, sliceData } from './testing/export-dir.js';

const { exportDir } = exportDirs();
const regions = (...names: string[]) => ({
  Regions: names.map((RegionName) => ({ RegionName, RegionOptStatus: 'ENABLED_BY_DEFAULT' })),
});
const analyzers = (region: string, status = 'ACTIVE', type = 'ACCOUNT') => ({
  analyzers: [
    {
      arn: `arn:aws:access-analyzer:${region}:123456789012:analyzer/external-access`,
      name: 'external-access',
      type,
      createdAt: '2026-11-20T09:15:02+00:00',
      tags: {},
      status,
    },
  ],
});

describe('importSnapshot: IAM Access Analyzer (list-regions.json + list-analyzers.<region>.json)', () => {
  it('the bundled export covers every enabled region: one pass per region', async () => {
    const { EXPORT_FIXTURE } = await import('./testing/export-dir.js');
    const snapshot = await importSnapshot(EXPORT_FIXTURE);
    const data = sliceData(snapshot, 'accessAnalyzers');
    expect(data.RegionSource).toBe('enabled-regions');
    expect(data.Regions).toHaveLength(17);
    expect(data.Unread).toEqual([]);
    const findings = runOne(accessAnalyzerEnabled, snapshot);
    expect(new Set(statuses(findings))).toEqual(new Set(['pass']));
    expect(findings).toHaveLength(17);
  });

  it('an enabled region without its file is unread (error naming the file), one without an analyzer fails', async () => {
    const dir = await exportDir(['get-caller-identity.json'], {
      // Opt-in regions not enabled are not expected, even if the command was run without the filter.
      'list-regions.json': {
        Regions: [
          ...regions('eu-west-1', 'us-east-1', 'us-west-2').Regions,
          { RegionName: 'af-south-1', RegionOptStatus: 'DISABLED' },
        ],
      },
      'list-analyzers.us-east-1.json': analyzers('us-east-1'),
      'list-analyzers.eu-west-1.json': { analyzers: [] },
    });
    const snapshot = await importSnapshot(dir);
    expect(sliceData(snapshot, 'accessAnalyzers').Unread).toEqual([
      { Region: 'us-west-2', Message: `no list-analyzers.us-west-2.json in ${dir}` },
    ]);
    const findings = runOne(accessAnalyzerEnabled, snapshot);
    expect(findings.map((f) => [f.status, f.message])).toEqual([
      ['error', `us-west-2: analyzers could not be listed: no list-analyzers.us-west-2.json in ${dir}.`],
      [
        'pass',
        expect.stringContaining('us-east-1: external-access analyzer external-access (ACCOUNT) is active'),
      ],
      ['fail', 'eu-west-1: there is no analyzer. Enabled regions checked: 3.'],
    ]);
  });

  it('without list-regions.json the slice is skipped saying why: other regions cannot be told apart', async () => {
    const dir = await exportDir(['get-caller-identity.json'], {
      'list-analyzers.us-east-1.json': analyzers('us-east-1'),
    });
    const snapshot = await importSnapshot(dir);
    expect(snapshot.slices.accessAnalyzers).toEqual({
      status: 'skipped',
      reason: `no list-regions.json in ${dir}: without the account's enabled regions (aws account list-regions), a region that was not exported cannot be told from one without an analyzer`,
    });
    const findings = runOne(accessAnalyzerEnabled, snapshot);
    expect(statuses(findings)).toEqual(['error']);
    expect(findings[0]?.message).toContain('no list-regions.json');

    const none = await exportDir(['get-caller-identity.json']);
    expect((await importSnapshot(none)).slices.accessAnalyzers).toEqual({
      status: 'skipped',
      reason: `no list-regions.json or list-analyzers.<region>.json in ${none}`,
    });
    const regionsOnly = await exportDir(['get-caller-identity.json'], {
      'list-regions.json': regions('us-east-1'),
    });
    expect((await importSnapshot(regionsOnly)).slices.accessAnalyzers).toEqual({
      status: 'skipped',
      reason: `no list-analyzers.<region>.json in ${regionsOnly}`,
    });
  });

  it('malformed exports are one line naming the file', async () => {
    const unregioned = await exportDir([], { 'list-analyzers.json': analyzers('us-east-1') });
    expect(await importError(unregioned)).toBe(
      `${unregioned}/list-analyzers.json: \`aws accessanalyzer list-analyzers --region REGION\` answers for one region: name the file list-analyzers.<region>.json (e.g. list-analyzers.us-east-1.json)`,
    );
    const noEnabled = await exportDir(['get-caller-identity.json'], {
      'list-regions.json': { Regions: [] },
      'list-analyzers.us-east-1.json': analyzers('us-east-1'),
    });
    expect(await importError(noEnabled)).toBe(
      `${noEnabled}/list-regions.json: no enabled region; expected the output of \`aws account list-regions --region-opt-status-contains ENABLED ENABLED_BY_DEFAULT\``,
    );
    const wrong = await exportDir(['get-caller-identity.json'], {
      'list-regions.json': regions('us-east-1'),
      'list-analyzers.us-east-1.json': { analyzers: [{ name: 'x' }] },
    });
    expect(await importError(wrong)).toBe(
      `${wrong}/list-analyzers.us-east-1.json: unexpected content at analyzers.0.arn: Invalid input: expected string, received undefined`,
    );
  });
});

describe('region names in file names', () => {
  it("reads every partition's region names (GovCloud, China, the European Sovereign Cloud)", async () => {
    const names = ['us-gov-west-1', 'cn-north-1', 'eusc-de-east-1'];
    const dir = await exportDir(['get-caller-identity.json'], {
      'list-regions.json': regions(...names),
      ...Object.fromEntries(names.map((r) => [`list-analyzers.${r}.json`, analyzers(r)])),
    });
    const data = sliceData(await importSnapshot(dir), 'accessAnalyzers');
    expect(data.Regions.map((r) => r.Region)).toEqual([...names].sort());
    expect(data.Unread).toEqual([]);
  });
});
