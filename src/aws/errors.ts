import type { SliceError } from '../snapshot/slice.js';

/** Errors the SDK raises, sorted into the kinds a user can act on. */
export type AwsErrorKind =
  | 'access-denied'
  | 'throttled'
  | 'not-found'
  | 'no-credentials'
  | 'credential-process'
  | 'expired-credentials'
  | 'sso-expired'
  | 'region'
  | 'network'
  | 'unreadable-answer'
  | 'other';

interface ErrorLike {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  /** Set by our client middleware: "iam:GetAccountSummary". */
  rampartAction?: string;
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AWSOrganizationsNotInUseException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceeded',
  'LimitExceededException',
  'SlowDown',
]);
const NOT_FOUND = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'ResourceNotFoundException',
  'NoSuchBucket',
  'NoSuchBucketPolicy',
  'NoSuchPublicAccessBlockConfiguration',
  'ServerSideEncryptionConfigurationNotFoundError',
  'TrailNotFoundException',
  'ReportNotPresent',
]);

function nameOf(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const e = err as ErrorLike;
  for (const v of [e.name, e.Code, e.code]) if (typeof v === 'string' && v !== 'Error') return v;
  return '';
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && typeof (err as ErrorLike).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}

export function classifyAwsError(err: unknown): AwsErrorKind {
  const name = nameOf(err);
  const message = messageOf(err);
  if (name === 'AWSOrganizationsNotInUseException') return 'not-found';
  if (ACCESS_DENIED.has(name) || /not authorized to perform|access denied/i.test(message))
    return 'access-denied';
  if (THROTTLED.has(name) || /rate exceeded|throttl/i.test(message)) return 'throttled';
  if (NOT_FOUND.has(name)) return 'not-found';
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'RequestExpired') {
    return 'expired-credentials';
  }
  if (/SSO session token .* (not found|invalid)|sso.*expired|Token is expired/i.test(message))
    return 'sso-expired';
  if (name === 'CredentialProcessError') return 'credential-process';
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message))
    return 'no-credentials';
  if (/Region is missing|Invalid region|UnknownEndpoint/i.test(message)) return 'region';
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|socket hang up|getaddrinfo/i.test(message)) {
    return 'network';
  }
  if (name === 'TimeoutError') return 'network';
  // The SDK could not parse the answer. A 403 is still a refusal (an XML error body from a JSON API); otherwise
  // an HTML page from a proxy or an endpoint without this API.
  if (name === 'SyntaxError') {
    const status = (err as ErrorLike).$metadata?.httpStatusCode;
    return status === 403 ? 'access-denied' : status === 429 ? 'throttled' : 'unreadable-answer';
  }
  return 'other';
}

/** The IAM action whose call failed, as recorded by the client middleware. */
export function actionOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  return (err as ErrorLike).rampartAction;
}

/**
 * How a snapshot records each kind. Credential problems stop a live run at sts:GetCallerIdentity; one that
 * happens later (a token expiring mid-run) is recorded as `other`.
 */
const SLICE_KIND: Record<AwsErrorKind, SliceError['kind']> = {
  'access-denied': 'access-denied',
  throttled: 'throttled',
  'not-found': 'not-found',
  region: 'region',
  network: 'network',
  'unreadable-answer': 'invalid-data',
  'no-credentials': 'other',
  'credential-process': 'other',
  'expired-credentials': 'other',
  'sso-expired': 'other',
  other: 'other',
};

/**
 * The error's first line, with its name when the text lacks it; an answer the SDK could not parse is said in
 * words (a bare SyntaxError about '<' tells a user nothing).
 */
export function errorLine(err: unknown, kind: AwsErrorKind = classifyAwsError(err)): string {
  const name = nameOf(err);
  const text = messageOf(err).split('\n')[0] ?? '';
  const raw = name && !text.includes(name) ? `${name}: ${text}` : text;
  return kind === 'unreadable-answer' ? `the endpoint's answer is not an AWS API response (${raw})` : raw;
}

/** Turns an SDK error into a slice error: never a crash, never a pass. */
export function toSliceError(err: unknown, fallbackAction?: string): SliceError {
  const kind = classifyAwsError(err);
  const action = actionOf(err) ?? fallbackAction;
  const message = errorLine(err, kind);
  const sliceKind = SLICE_KIND[kind];
  return action ? { kind: sliceKind, message, action } : { kind: sliceKind, message };
}
