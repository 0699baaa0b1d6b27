/**
 * Which root activity an EventBridge event pattern catches. CloudTrail delivers a root console sign-in as
 * detail-type "AWS Console Sign In via CloudTrail" (source aws.signin, only in us-east-1) and a root API call as
 * "AWS API Call via CloudTrail" (source = the service, in the region of the call). A pattern counts for a kind
 * when it requires detail.userIdentity.type Root and narrows that kind by nothing but the CIS exclusions.
 */

export const SIGN_IN = 'AWS Console Sign In via CloudTrail';
export const API_CALL = 'AWS API Call via CloudTrail';

export interface RootCoverage {
  signIn: boolean;
  apiCall: boolean;
  /** Why the pattern catches less than all root activity (absent when it catches both kinds). */
  reason?: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const NONE = (reason: string): RootCoverage => ({ signIn: false, apiCall: false, reason });

/** Every allowed value is Root (exactly, or `equals-ignore-case` root): else the rule fires for others too. */
function requiresRoot(values: unknown): boolean {
  if (!Array.isArray(values) || values.length === 0) return false;
  return values.every(
    (v) =>
      v === 'Root' ||
      (isObj(v) &&
        Object.keys(v).length === 1 &&
        typeof v['equals-ignore-case'] === 'string' &&
        v['equals-ignore-case'].toLowerCase() === 'root'),
  );
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** detail.userIdentity.invokedBy absent, detail.eventType anything but AwsServiceEvent: the CIS exclusions. */
const isNotInvokedBy = (v: unknown): boolean => sameJson(v, [{ exists: false }]);
const isNotServiceEvent = (v: unknown): boolean =>
  sameJson(v, [{ 'anything-but': 'AwsServiceEvent' }]) ||
  sameJson(v, [{ 'anything-but': ['AwsServiceEvent'] }]);

/** Does a source filter let every AWS service through (absent, or prefix "aws.")? */
const allSources = (v: unknown): boolean =>
  v === undefined ||
  (Array.isArray(v) && v.some((x) => isObj(x) && (x.prefix === 'aws.' || x.prefix === '')));

export function rootEventPatternCoverage(patternText: string | undefined): RootCoverage {
  let p: unknown;
  try {
    p = JSON.parse(patternText ?? '');
  } catch {
    return NONE('the event pattern is not JSON');
  }
  if (!isObj(p)) return NONE('the event pattern is not a JSON object');
  const detail = isObj(p.detail) ? p.detail : {};
  const identity = isObj(detail.userIdentity) ? detail.userIdentity : {};
  if (!requiresRoot(identity.type)) {
    return NONE('does not require detail.userIdentity.type ["Root"]');
  }
  const narrowing = [
    ...Object.keys(p).filter((k) => !['detail-type', 'source', 'detail', 'account', 'region'].includes(k)),
    ...Object.entries(detail)
      .filter(([k, v]) => k !== 'userIdentity' && !(k === 'eventType' && isNotServiceEvent(v)))
      .map(([k]) => `detail.${k}`),
    ...Object.entries(identity)
      .filter(([k, v]) => k !== 'type' && !(k === 'invokedBy' && isNotInvokedBy(v)))
      .map(([k]) => `detail.userIdentity.${k}`),
  ];
  if (narrowing.length > 0) {
    return NONE(`narrows root activity to some events only (${narrowing.join(', ')})`);
  }
  const types = p['detail-type'];
  const hasType = (t: string): boolean => types === undefined || (Array.isArray(types) && types.includes(t));
  const sources = p.source;
  const signIn =
    hasType(SIGN_IN) && (allSources(sources) || (Array.isArray(sources) && sources.includes('aws.signin')));
  // API calls come from every service: a list of sources covers some services only.
  const apiCall = hasType(API_CALL) && allSources(sources);
  if (signIn && apiCall) return { signIn, apiCall };
  const missing = [...(signIn ? [] : ['console sign-ins']), ...(apiCall ? [] : ['API calls'])];
  return { signIn, apiCall, reason: `does not match root ${missing.join(' or ')}` };
}
