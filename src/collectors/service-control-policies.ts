import {
  DescribePolicyCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListPoliciesForTarget,
} from '@aws-sdk/client-organizations';
import { ORG_POLICY_NAMES, orgPoliciesNotApplicable, type OrgPolicyType } from '../snapshot/org-policies.js';
import { defineCollector } from './types.js';

/** The policies of one Organizations type that limit this account, level by level from the root down. */
function orgPoliciesCollector<S extends 'serviceControlPolicies' | 'resourceControlPolicies'>(
  slice: S,
  type: OrgPolicyType,
) {
  return defineCollector({
    slice,
    actions: [
      'organizations:ListRoots',
      'organizations:ListParents',
      'organizations:ListPoliciesForTarget',
      'organizations:DescribePolicy',
    ],
    dependsOn: ['organization'],
    async collect({ pool, accountId }, prior) {
      const none = (why: string) => ({ NotApplicable: why, Levels: [] });
      const why = orgPoliciesNotApplicable(prior.organization, accountId, type);
      if (why) return none(why);
      const orgs = pool.client(OrganizationsClient);
      const roots = (await orgs.send(new ListRootsCommand({}))).Roots ?? [];
      const root = roots[0];
      const enabled = root?.PolicyTypes?.some((t) => t.Type === type && t.Status === 'ENABLED') ?? false;
      if (!root?.Id || !enabled) return none(`${ORG_POLICY_NAMES[type]} are not enabled in the organization`);

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

      // FullAWSAccess / RCPFullAWSAccess is attached at many levels: each document is read once.
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
          { TargetId: level.TargetId, Filter: type },
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
}

/**
 * The SCPs that limit this account, level by level from the organization root down to the account: the
 * admin analysis needs every level to allow a request. SCPs do not apply to the management account, nor
 * when the organization has them disabled. A member account usually may not read them (AccessDenied makes
 * the slice an error naming the actions, and the analysis says it judged IAM policies alone).
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */
export const serviceControlPoliciesCollector = orgPoliciesCollector(
  'serviceControlPolicies',
  'SERVICE_CONTROL_POLICY',
);

/**
 * The RCPs that limit this account's resources, from the root down (the same walk as SCPs). An RCP can deny
 * outsiders sts:AssumeRole on every role of the account (a data perimeter): the analysis of who outside may
 * assume an admin role needs them. Not for the management account.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
 */
export const resourceControlPoliciesCollector = orgPoliciesCollector(
  'resourceControlPolicies',
  'RESOURCE_CONTROL_POLICY',
);
