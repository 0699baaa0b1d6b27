import type { CheckContext, CheckOutcome } from '../types.js';

/** The account's root ARN: the resource of findings about the account as a whole. */
export const accountRoot = (ctx: Pick<CheckContext, 'partition' | 'accountId'>): string =>
  `arn:${ctx.partition}:iam::${ctx.accountId}:root`;

/** The outcomes, or one pass on the account when there are none: a check always says what it found. */
export function orAccountPass(
  outcomes: CheckOutcome[],
  ctx: Pick<CheckContext, 'partition' | 'accountId'>,
  message: string,
): CheckOutcome[] {
  return outcomes.length > 0 ? outcomes : [{ status: 'pass', resource: accountRoot(ctx), message }];
}
