// The analysis asks "can p do this to some resource?" with one representative ARN per kind of resource
// (`function:rampart-probe` in us-east-1, `role/rampart-probe`). A policy limited to other names or another
// region (`function:app-*` in eu-west-1, `role/team/*`) never matches that ARN, yet it allows the request on
// resources p can create or that exist. probeVariant turns such a statement's resource pattern into an ARN
// of the same kind that the pattern matches; the analysis then asks again with it.
import { KNOWN_REGIONS } from '../known-regions.js';
import { arnMatches } from './match.js';

/** What a wildcard in a name becomes: a name the pattern matches and that says where it came from. */
const FILL = 'rampart-probe';

const regexes = new Map<string, RegExp>();
const segmentRegex = (pattern: string): RegExp => {
  let re = regexes.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    regexes.set(pattern, (re = new RegExp(`^${body}$`)));
  }
  return re;
};

const segmentMatches = (pattern: string, value: string): boolean =>
  pattern === value || (/[*?]/.test(pattern) && segmentRegex(pattern).test(value));

/** The kind of resource at the start of a resource part: `function:`, `role/`, `stack/`. */
const kindOf = (resource: string): string | undefined => /^[A-Za-z0-9_.-]+[:/]/.exec(resource)?.[0];

/**
 * An ARN of the probe's service and resource kind, in `account`, that `pattern` matches; undefined when the
 * pattern names another service, kind or account, or already matches the probe (nothing new to ask).
 */
export function probeVariant(pattern: string, probe: string, account: string): string | undefined {
  const want = probe.split(':');
  const got = pattern.split(':');
  if (want.length < 6 || got.length < 6 || arnMatches(pattern, probe)) return undefined;
  const [, partition = '', service = '', region = '', acct = ''] = got;
  const [, wantPartition = '', wantService = '', wantRegion = ''] = want;
  if (!segmentMatches(partition, wantPartition) || !segmentMatches(service, wantService)) return undefined;
  if (!segmentMatches(acct, account)) return undefined;
  // Global services (IAM) have no region in their ARNs: a pattern with one never matches them.
  let inRegion: string | undefined;
  if (wantRegion === '') inRegion = segmentMatches(region, '') ? '' : undefined;
  else if (segmentMatches(region, wantRegion)) inRegion = wantRegion;
  else inRegion = KNOWN_REGIONS.find((r) => segmentMatches(region, r));
  if (inRegion === undefined) return undefined;

  const wantResource = want.slice(5).join(':');
  const resource = got.slice(5).join(':');
  let name: string;
  if (segmentMatches(resource, wantResource)) name = wantResource;
  else {
    const kind = kindOf(wantResource);
    if (!kind || !resource.startsWith(kind)) return undefined;
    name = resource.replace(/\*/g, FILL).replace(/\?/g, 'x');
  }
  // IAM keeps this path for service-linked roles: no one creates or changes a role there.
  if (wantService === 'iam' && name.startsWith('role/aws-service-role/')) return undefined;
  const variant = ['arn', wantPartition, wantService, inRegion, account, name].join(':');
  return arnMatches(pattern, variant) ? variant : undefined;
}

/** At most this many variants per probe: a policy listing hundreds of names needs only one that works. */
export const MAX_VARIANTS = 8;

// Principals share most statements: each pattern is turned into a variant once per probe.
const variants = new Map<string, string | undefined>();

/** The distinct variants of a probe for a list of patterns, in pattern order. */
export function probeVariants(patterns: readonly string[], probe: string, account: string): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const key = `${account} ${probe} ${pattern}`;
    let v = variants.get(key);
    if (v === undefined && !variants.has(key)) variants.set(key, (v = probeVariant(pattern, probe, account)));
    if (v !== undefined && !out.includes(v)) out.push(v);
    if (out.length >= MAX_VARIANTS) break;
  }
  return out;
}

/**
 * The probe in the first known region that none of `listed` matches (an Allow with NotResource allows it
 * there); undefined for a global service's probe (no region) or when every region is listed.
 */
export function inAnotherRegion(probe: string, listed: readonly string[]): string | undefined {
  const parts = probe.split(':');
  if (parts.length < 6 || parts[3] === '') return undefined;
  for (const region of KNOWN_REGIONS) {
    if (region === parts[3]) continue;
    const arn = [...parts.slice(0, 3), region, ...parts.slice(4)].join(':');
    if (!listed.some((pattern) => arnMatches(pattern, arn))) return arn;
  }
  return undefined;
}
