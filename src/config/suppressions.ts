import { isPastDay } from '../checks/lib/dates.js';
import type { Finding, Status } from '../checks/types.js';
import type { Suppression, SuppressionEntry, SuppressionSummary } from './types.js';

/** Findings a suppression can hide: the ones that need attention. Passing findings stay as they are. */
const SUPPRESSIBLE: ReadonlySet<Status> = new Set<Status>(['fail', 'error', 'manual']);

/** `*` matches any run of characters (including `/` and `:`); everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/**
 * The names a resource answers to: the full ARN, the part after the account id (`user/alice`, `root`),
 * and the last path segment (`alice`). A non-ARN resource is just itself.
 */
export function resourceNames(resource: string): string[] {
  const names = [resource];
  const arn = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.+)$/.exec(resource);
  if (arn?.[1]) {
    names.push(arn[1]);
    const last = arn[1].split(/[/:]/).pop();
    if (last) names.push(last);
  }
  return names;
}

export function suppressionMatches(s: Suppression, finding: Finding): boolean {
  if (s.check !== finding.checkId) return false;
  const re = globToRegExp(s.resource);
  return resourceNames(finding.resource).some((name) => re.test(name));
}

export interface ApplySuppressionsOptions {
  now: Date;
  /** Ids of the checks that ran; a suppression for a check that did not run is neither used nor unused. */
  ranChecks: ReadonlySet<string>;
}

/**
 * Pure: marks findings covered by a valid suppression (`finding.suppressed`), and reports suppressions that
 * expired (they suppress nothing any more) or matched nothing. The first matching suppression wins.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  options: ApplySuppressionsOptions,
): { findings: Finding[]; summary: SuppressionSummary } {
  const counts = suppressions.map(() => 0);
  const expired = suppressions.map((s) => s.expires !== undefined && isPastDay(s.expires, options.now));
  let applied = 0;
  const out = findings.map((finding) => {
    if (!SUPPRESSIBLE.has(finding.status)) return finding;
    let hit: Suppression | undefined;
    suppressions.forEach((s, i) => {
      if (!suppressionMatches(s, finding)) return;
      counts[i] = (counts[i] ?? 0) + 1;
      if (!expired[i]) hit ??= s;
    });
    if (!hit) return finding;
    applied++;
    return {
      ...finding,
      suppressed: {
        reason: hit.reason,
        ...(hit.owner !== undefined ? { owner: hit.owner } : {}),
        ...(hit.expires !== undefined ? { expires: hit.expires } : {}),
      },
    };
  });
  const entry = (s: Suppression, i: number): SuppressionEntry => ({ ...s, matches: counts[i] ?? 0 });
  return {
    findings: out,
    summary: {
      applied,
      expired: suppressions.flatMap((s, i) => (expired[i] ? [entry(s, i)] : [])),
      unused: suppressions.flatMap((s, i) =>
        !expired[i] && counts[i] === 0 && options.ranChecks.has(s.check) ? [entry(s, i)] : [],
      ),
    },
  };
}
