import {
  AccessAnalyzerClient,
  CreateAnalyzerCommand,
  DeleteAnalyzerCommand,
  paginateListAnalyzers,
} from '@aws-sdk/client-accessanalyzer';
import { AccountClient } from '@aws-sdk/client-account';
import { enabledRegions } from '../../collectors/access-analyzers.js';
import { defineAction, type ActionContext } from '../types.js';
import { ignoreNotFound, str } from './util.js';

export const ANALYZER_NAME = 'rampart-external-access';
/** The analyzer types that report external access; the unused-access kinds are paid and do not count. */
const EXTERNAL = new Set(['ACCOUNT', 'ORGANIZATION']);
/** Verification waits this many times for a new analyzer to leave CREATING (seconds apart, growing). */
const VERIFY_ATTEMPTS = 8;

interface Analyzer {
  name: string;
  type: string;
  status: string;
}
interface State {
  /** Every enabled region (and the session region), sorted, with its external-access analyzers only. */
  regions: { region: string; analyzers: Analyzer[] }[];
}

const hasActive = (r: State['regions'][number]): boolean => r.analyzers.some((a) => a.status === 'ACTIVE');

/** Regions with no external-access analyzer at all: the step creates one in each. */
export function regionsWithout(s: State): string[] {
  return s.regions.filter((r) => r.analyzers.length === 0).map((r) => r.region);
}

/**
 * Regions whose external-access analyzers exist but none is ACTIVE (CREATING, DISABLED, FAILED). The step leaves
 * them alone: AWS allows one account analyzer per region, and the one there is someone else's.
 */
function inactive(s: State): string[] {
  return s.regions
    .filter((r) => r.analyzers.length > 0 && !hasActive(r))
    .map((r) => `${r.region} (${r.analyzers.map((a) => `${a.name} ${a.status}`).join(', ')})`);
}

async function readState(ctx: Pick<ActionContext, 'pool' | 'region'>): Promise<State> {
  // Without account:ListRegions this throws (naming the permission): the step must not pass regions it did not see.
  const listed = await enabledRegions(ctx.pool.client(AccountClient, ctx.region));
  const names = [...new Set([...listed, ctx.region])].sort();
  const regions = await Promise.all(
    names.map(async (region) => {
      const analyzers: Analyzer[] = [];
      const pages = paginateListAnalyzers({ client: ctx.pool.client(AccessAnalyzerClient, region) }, {});
      for await (const page of pages) {
        for (const a of page.analyzers ?? []) {
          if (EXTERNAL.has(a.type ?? ''))
            analyzers.push({ name: a.name ?? '', type: a.type ?? '', status: a.status ?? '' });
        }
      }
      return { region, analyzers: analyzers.sort((a, b) => a.name.localeCompare(b.name)) };
    }),
  );
  return { regions };
}

export default defineAction<State>({
  id: 'iam-create-access-analyzer',
  title: 'An IAM Access Analyzer external-access analyzer in every enabled region',
  fixes: ['iam-access-analyzer-enabled'],
  changeKinds: ['analyzer-created'],
  permissions: [
    'account:ListRegions',
    'access-analyzer:ListAnalyzers',
    'access-analyzer:CreateAnalyzer',
    'access-analyzer:DeleteAnalyzer',
    // The first analyzer creates the service-linked role AWSServiceRoleForAccessAnalyzer.
    'iam:CreateServiceLinkedRole',
  ],
  cost: 'Free (the external-access analyzer; the paid unused-access kind is not created).',
  userImpact:
    'No one notices. Findings about resources shared outside the account appear in IAM > Access analyzer.',
  read: readState,
  satisfied: (s) => s.regions.length > 0 && s.regions.every(hasActive),
  blocked(s) {
    if (regionsWithout(s).length > 0) return undefined;
    return {
      reason:
        `the analyzers in ${inactive(s).join(', ')} are not active, and AWS allows one account analyzer per region: ` +
        'wait for CREATING to finish, or fix or delete the DISABLED or FAILED one, then run harden again',
    };
  },
  describe(s) {
    const active = s.regions.filter(hasActive).map((r) => r.region);
    const without = regionsWithout(s);
    const notActive = inactive(s);
    const before =
      active.length === 0 && notActive.length === 0
        ? [`None of the ${s.regions.length} enabled regions has an external-access analyzer.`]
        : [
            ...(active.length > 0 ? [`External-access analyzer active in ${active.join(', ')}.`] : []),
            ...(without.length > 0 ? [`No external-access analyzer in ${without.join(', ')}.`] : []),
            ...(notActive.length > 0 ? [`Not active: ${notActive.join(', ')}.`] : []),
          ];
    return {
      before,
      after: [
        ...(without.length > 0
          ? [
              `Create the analyzer ${ANALYZER_NAME} (external access, zone of trust: this account) in ${without.join(', ')}.`,
            ]
          : []),
        ...(notActive.length > 0
          ? [`Leave ${notActive.join(', ')} alone (one account analyzer per region).`]
          : []),
      ],
    };
  },
  async apply(ctx, s) {
    const created: string[] = [];
    for (const region of regionsWithout(s)) {
      const out = await ctx.pool
        .client(AccessAnalyzerClient, region)
        .send(new CreateAnalyzerCommand({ analyzerName: ANALYZER_NAME, type: 'ACCOUNT' }));
      await ctx.record({ kind: 'analyzer-created', name: ANALYZER_NAME, region, arn: out.arn ?? '' });
      created.push(region);
    }
    ctx.say(`Access Analyzer ${ANALYZER_NAME} created in ${created.join(', ')}.`);
  },
  async verify(ctx) {
    // A new analyzer is CREATING for a moment; the ones the plan left alone are not this step's to verify.
    for (let attempt = 1; ; attempt++) {
      const s = await readState(ctx);
      const without = regionsWithout(s);
      const ours = s.regions.flatMap((r) =>
        r.analyzers.filter((a) => a.name === ANALYZER_NAME).map((a) => ({ region: r.region, ...a })),
      );
      const pending = ours.filter((a) => a.status !== 'ACTIVE');
      if (without.length === 0 && pending.length === 0) return;
      const failed = pending.filter((a) => a.status !== 'CREATING');
      if (failed.length > 0 || attempt >= VERIFY_ATTEMPTS) {
        const what = [
          ...without.map((r) => `${r}: no analyzer`),
          ...pending.map((a) => `${a.region}: ${a.name} ${a.status}`),
        ];
        throw new Error(`the analyzers are not all active (verification failed): ${what.join(', ')}`);
      }
      await ctx.sleep(1000 * attempt);
    }
  },
  async undo(ctx, change) {
    if (change.kind !== 'analyzer-created') throw new Error(`unknown change ${change.kind}`);
    // Only the analyzer Rampart created, by the name the journal recorded.
    await ignoreNotFound(() =>
      ctx.pool
        .client(AccessAnalyzerClient, str(change.region) || ctx.region)
        .send(new DeleteAnalyzerCommand({ analyzerName: str(change.name) })),
    );
    return undefined;
  },
});
