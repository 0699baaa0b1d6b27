import type { Snapshot } from '../../snapshot/schema.js';
import type { CheckOptions } from '../types.js';

export interface RootEmail {
  email: string;
  /** Where the address came from, for messages. */
  source: string;
}

/**
 * The root user's email: Organizations DescribeAccount (readable from the management account or a
 * delegated administrator) first, then `rootEmail` from the config. Undefined when neither has it,
 * with the reason the organization slice gave nothing.
 */
export function resolveRootEmail(
  snapshot: Snapshot,
  options: CheckOptions,
): { found: RootEmail } | { found: undefined; why: string } {
  const org = snapshot.slices.organization;
  const fromOrg = org.status === 'ok' ? org.data.Account?.Email?.trim() : undefined;
  if (fromOrg) return { found: { email: fromOrg, source: 'Organizations (DescribeAccount)' } };
  const fromConfig = options.rootEmail?.trim();
  if (fromConfig) return { found: { email: fromConfig, source: 'the config file (rootEmail)' } };
  const why =
    org.status === 'ok'
      ? org.data.Organization
        ? 'Organizations does not let this account read its own record (only the management account or a delegated administrator can)'
        : 'the account is not in an organization, so no API returns the root email'
      : org.status === 'skipped'
        ? `organization was not collected (${org.reason})`
        : `organization could not be collected (${org.error.message})`;
  return { found: undefined, why };
}

/** The configured security-list pattern as a case-insensitive RegExp; throws a one-line error when invalid. */
export function securityPattern(options: CheckOptions): RegExp | undefined {
  const source = options.securityEmailPattern;
  if (source === undefined || source.trim() === '') return undefined;
  try {
    return new RegExp(source, 'i');
  } catch (err) {
    throw new Error(
      `securityEmailPattern '${source}' is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}
