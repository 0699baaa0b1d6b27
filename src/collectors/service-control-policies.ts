import {
  DescribePolicyCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListPoliciesForTarget,
} from '@aws-sdk/client-organizations';
import type { SliceData } from '../snapshot/schema.js';
import { defineCollector } from './types.js';

const SCP = 'SERVICE_CONTROL_POLICY';

/** Why no SCP can limit the account, from its Organizations membership alone; undefined when SCPs may. */
export function scpsNotApplicable(
  organization: SliceData['organization'] | undefined,
  accountId: string,
): string | undefined {
  if (!organization) return undefined;
  const org = organization.Organization;
  if (!org) return 'the account is not in an organization';
  if (org.MasterAccountId === accountId) {
    return 'this is the management account: SCPs do not limit its users and roles';
  }
  if (typeof org.FeatureSet === 'string' && org.FeatureSet !== 'ALL') {
    return 'the organization uses consolidated billing only: it has no SCPs';
  }
  return undefined;
}

/**
 * The SCPs that limit this account, level by level from the organization root down to the account: the
 * admin analysis needs every level to allow a request. SCPs do not apply to the management account, nor
 * when the organization has them disabled. A member account usually may not read them (AccessDenied makes
 * the slice an error naming the actions, and the analysis says it judged IAM policies alone).
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */
export const serviceControlPoliciesCollector = defineCollector({
  slice: 'serviceControlPolicies',
  actions: [
    'organizations:ListRoots',
    'organizations:ListParents',
    'organizations:ListPoliciesForTarget',
    'organizations:DescribePolicy',
  ],
  dependsOn: ['organization'],
  async collect({ pool, accountId }, prior) {
    const none = (why: string) => ({ NotApplicable: why, Levels: [] });
    const why = scpsNotApplicable(prior.organization, accountId);
    if (why) return none(why);
    const orgs = pool.client(OrganizationsClient);
    const roots = (await orgs.send(new ListRootsCommand({}))).Roots ?? [];
    const root = roots[0];
    const enabled = root?.PolicyTypes?.some((t) => t.Type === SCP && t.Status === 'ENABLED') ?? false;
    if (!root?.Id || !enabled) return none('SCPs are not enabled in the organization');

    // The path from the account up to the root (an account is at most five OUs deep).
    const path: { TargetId: string; Type: string }[] = [{ TargetId: accountId, Type: 'ACCOUNT' }];
    let child = accountId;
    for (let depth = 0; depth < 10; depth++) {
      const parent = (await orgs.send(new ListParentsCommand({ ChildId: child }))).Parents?.[0];
      if (!parent?.Id) throw new Error(`ListParents returned no parent for ${child}`);
      path.push({ TargetId: parent.Id, Type: parent.Type ?? 'ORGANIZATIONAL_UNIT' });
      if (parent.Type === 'ROOT') break;
      child = parent.Id;
    }
    if (path[path.length - 1]?.Type !== 'ROOT') throw new Error('ListParents never reached the root');
    path.reverse();

    // FullAWSAccess is attached at many levels: each document is read once.
    const contents = new Map<string, Promise<string>>();
    const content = (id: string) => {
      let c = contents.get(id);
      if (!c) {
        c = orgs
          .send(new DescribePolicyCommand({ PolicyId: id }))
          .then((r) => r.Policy?.Content ?? '{"Statement":[]}');
        contents.set(id, c);
      }
      return c;
    };
    const Levels = [];
    for (const level of path) {
      const summaries = [];
      for await (const page of paginateListPoliciesForTarget(
        { client: orgs },
        { TargetId: level.TargetId, Filter: SCP },
      )) {
        summaries.push(...(page.Policies ?? []));
      }
      const Policies = await Promise.all(
        summaries
          .filter((p): p is typeof p & { Id: string } => typeof p.Id === 'string')
          .map(async (p) => ({
            Id: p.Id,
            ...(p.Name ? { Name: p.Name } : {}),
            ...(p.AwsManaged !== undefined ? { AwsManaged: p.AwsManaged } : {}),
            Content: await content(p.Id),
          })),
      );
      Levels.push({ ...level, Policies });
    }
    return { NotApplicable: null, Levels };
  },
});
