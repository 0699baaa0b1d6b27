import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureReport, incompleteReport } from '../../../test/fixtures/reports.js';
import { hostileReport } from '../../../test/fixtures/hostile.js';
import type { Report } from '../model.js';
import { FINGERPRINT_KEY, SARIF_MAX_RESULTS, SECURITY_SEVERITY, renderSarif, toSarif } from './sarif.js';

/**
 * What GitHub code scanning requires of an upload (docs "SARIF support for code scanning" and the upload
 * action's validation): version 2.1.0, at most 20 runs / 25,000 results per run, a driver name, every result
 * with a ruleId defined by the driver, a message, at least one location with a repository-relative
 * artifactLocation.uri and a region, and a fingerprint so alerts are tracked between uploads; rules carry
 * security-severity as a number-string in 0..10 and at most 20 tags.
 */
function assertGitHubAccepts(log: Log): void {
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toMatch(/sarif-2\.1\.0/);
  expect(log.runs.length).toBeGreaterThanOrEqual(1);
  expect(log.runs.length).toBeLessThanOrEqual(20);
  for (const run of log.runs) {
    expect(run.tool.driver.name).toBeTruthy();
    const rules: ReportingDescriptor[] = run.tool.driver.rules ?? [];
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.id.length).toBeLessThanOrEqual(255);
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.help?.text).toBeTruthy();
      expect(rule.helpUri).toMatch(/^https:\/\/.+\/docs\/checks\/[a-z0-9-]+\.md$/);
      const sev = rule.properties?.['security-severity'] as unknown;
      expect(typeof sev).toBe('string');
      expect(Number(sev)).toBeGreaterThanOrEqual(0);
      expect(Number(sev)).toBeLessThanOrEqual(10);
      const tags = rule.properties?.tags ?? [];
      expect(tags).toContain('security');
      expect(tags.length).toBeLessThanOrEqual(20);
    }
    const results: Result[] = run.results ?? [];
    expect(results.length).toBeLessThanOrEqual(25_000);
    for (const r of results) {
      expect(ids).toContain(r.ruleId);
      expect(r.ruleIndex === undefined || rules[r.ruleIndex]?.id === r.ruleId).toBe(true);
      expect(r.message.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.locations?.length).toBeGreaterThanOrEqual(1);
      for (const loc of r.locations ?? []) {
        const uri = loc.physicalLocation?.artifactLocation?.uri ?? '';
        expect(uri).not.toBe('');
        expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:/i); // relative: no scheme
        expect(uri.startsWith('/')).toBe(false);
        // Resolves inside the repository and survives URI parsing unchanged.
        expect(new URL(uri, 'file:///repo/').href).toBe(`file:///repo/${uri}`);
        expect(loc.physicalLocation?.region?.startLine).toBeGreaterThanOrEqual(1);
      }
      expect(Object.keys(r.partialFingerprints ?? {}).length).toBeGreaterThan(0);
    }
  }
}

const resultsOf = (report: Report): Result[] => toSarif(report).runs[0]?.results ?? [];

describe('sarif', () => {
  it.each(FIXTURES)('the %s account produces SARIF that GitHub code scanning accepts', (name) => {
    const text = renderSarif(fixtureReport(name));
    assertGitHubAccepts(JSON.parse(text) as Log);
  });

  it('keeps the 25,000 most severe results of a larger account (GitHub rejects more) and says how many it left out', () => {
    const report = fixtureReport('messy');
    const failing = report.findings.filter((f) => !f.suppressed && f.status === 'fail');
    // A large account: every failing finding repeated on many resources.
    const copies = Math.ceil((SARIF_MAX_RESULTS + 1000) / failing.length);
    const findings = failing.flatMap((f) =>
      Array.from({ length: copies }, (_, i) => ({ ...f, resource: `${f.resource}-${i}` })),
    );
    const big: Report = { ...report, findings };
    const log = toSarif(big);
    assertGitHubAccepts(log);
    const run = log.runs[0];
    const results = run?.results ?? [];
    expect(results).toHaveLength(SARIF_MAX_RESULTS);
    const omitted = findings.length - SARIF_MAX_RESULTS;
    expect(run?.properties?.omittedResults).toBe(omitted);
    expect(run?.invocations?.[0]?.toolExecutionNotifications?.map((n) => n.message.text)).toContainEqual(
      expect.stringMatching(new RegExp(`^${omitted} less severe results left out`)),
    );
    // Most severe first: nothing kept is less severe than anything left out.
    const rank = ['critical', 'high', 'medium', 'low', 'info'];
    const kept = Math.max(...results.map((r) => rank.indexOf(String(r.properties?.severity))));
    const keptKeys = new Set(results.map((r) => `${r.ruleId} ${String(r.properties?.resource)}`));
    const dropped = findings.filter((f) => !keptKeys.has(`${f.checkId} ${f.resource}`));
    expect(dropped).toHaveLength(omitted);
    expect(Math.min(...dropped.map((f) => rank.indexOf(f.severity)))).toBeGreaterThanOrEqual(kept);
    // Under the limit nothing is left out or said.
    expect(toSarif(report).runs[0]?.properties?.omittedResults).toBeUndefined();
  });

  it('hostile user names and policy names still yield valid, relative locations', () => {
    const log = toSarif(hostileReport());
    assertGitHubAccepts(log);
    const uris = resultsOf(hostileReport()).map(
      (r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    );
    expect(uris).toContain('aws/999988887777/iam/user/x%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  });

  it('reports fail and error findings only; passes, manual, not-applicable and suppressed ones are left out', () => {
    const report = fixtureReport('messy');
    const results = resultsOf(report);
    const expected = report.findings.filter(
      (f) => !f.suppressed && (f.status === 'fail' || f.status === 'error'),
    );
    expect(results).toHaveLength(expected.length);
    expect(results.map((r) => String(r.properties?.status)).sort()).toEqual(
      expected.map((f) => f.status).sort(),
    );
    // The suppressed finding itself is left out (other checks may still fail on the same resource).
    const suppressed = report.findings.filter((f) => f.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const f of suppressed) {
      expect(results.some((r) => r.ruleId === f.checkId && r.properties?.resource === f.resource)).toBe(
        false,
      );
    }
  });

  it('maps severity to level and security-severity; an error is a note that names the missing permission', () => {
    const report = incompleteReport();
    const log = toSarif(report);
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    const rootKeys = rules.find((r) => r.id === 'root-access-keys-absent');
    expect(rootKeys?.properties?.['security-severity']).toBe(SECURITY_SEVERITY.critical);
    expect(rootKeys?.defaultConfiguration?.level).toBe('error');
    expect(SECURITY_SEVERITY).toEqual({
      critical: '9.5',
      high: '8.0',
      medium: '5.5',
      low: '3.0',
      info: '1.0',
    });
    const error = resultsOf(report).find(
      (r) => r.properties?.status === 'error' && r.ruleId === 'iam-password-policy',
    );
    expect(error?.level).toBe('note');
    expect(error?.message.text).toContain('iam:GetAccountPasswordPolicy');
    expect(log.runs[0]?.invocations?.[0]?.executionSuccessful).toBe(false);
    expect(toSarif(fixtureReport('fresh')).runs[0]?.invocations?.[0]?.executionSuccessful).toBe(true);
  });

  it('has one rule per check behind a result, with docs link, tags by area and controls', () => {
    const report = fixtureReport('fresh');
    const log = toSarif(report);
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    const behindResults = report.findings
      .filter((f) => f.status === 'fail' || f.status === 'error')
      .map((f) => f.checkId);
    expect(rules.map((r) => r.id)).toEqual([...new Set(behindResults)].sort());
    expect(rules.map((r) => r.id)).toContain('root-mfa-enabled');
    expect(rules.map((r) => r.id)).not.toContain('iam-groups-grant-permissions'); // not applicable in a fresh account
    const mfa = rules.find((r) => r.id === 'root-mfa-enabled');
    expect(mfa?.shortDescription?.text).toBe('The root user signs in with MFA');
    expect(mfa?.helpUri).toBe(
      'https://github.com/rampart-security/rampart/blob/main/docs/checks/root-mfa-enabled.md',
    );
    expect(mfa?.properties?.tags).toEqual([
      'security',
      'aws',
      'root',
      'CIS-v5 1.4',
      'CIS-v6 2.4',
      'SecurityHub IAM.9',
    ]);
    expect(mfa?.help?.text).toContain('Assign MFA device');
  });

  it('fingerprints depend on check and resource only, not on messages, dates or order', () => {
    const a = fixtureReport('messy');
    const b = fixtureReport('messy');
    b.generatedAt = '2030-01-01T00:00:00.000Z';
    b.findings = [...b.findings].reverse().map((f) => ({ ...f, message: `${f.message} (changed)` }));
    const prints = (r: Report) =>
      new Map(
        resultsOf(r).map((x) => [`${x.ruleId} ${x.properties?.resource as string}`, x.partialFingerprints]),
      );
    expect(prints(b)).toEqual(prints(a));
    const all = resultsOf(a).map((r) => r.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(new Set(all).size).toBe(all.length);
    for (const p of all) expect(p).toMatch(/^[0-9a-f]{64}$/);
  });
});
