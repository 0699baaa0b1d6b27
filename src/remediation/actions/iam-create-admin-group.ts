import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
} from '@aws-sdk/client-iam';
import { defineAction } from '../types.js';
import { ignoreNotFound, isNotFound, str } from './util.js';

export const adminPolicyArn = (partition: string): string =>
  `arn:${partition}:iam::aws:policy/AdministratorAccess`;

interface State {
  group: string;
  exists: boolean;
  adminPolicy: boolean;
  members: number;
}

export default defineAction<State>({
  id: 'iam-create-admin-group',
  title: 'An admin group with the AWS managed AdministratorAccess policy',
  fixes: ['iam-groups-grant-permissions'],
  permissions: [
    'iam:GetGroup',
    'iam:ListAttachedGroupPolicies',
    'iam:CreateGroup',
    'iam:AttachGroupPolicy',
    'iam:DetachGroupPolicy',
    'iam:DeleteGroup',
  ],
  cost: 'Free.',
  userImpact: 'No one notices: the group is empty until the admin user joins it.',
  async read(ctx) {
    const iam = ctx.pool.client(IAMClient);
    const group = ctx.inputs.adminGroup;
    let members: number;
    try {
      const out = await iam.send(new GetGroupCommand({ GroupName: group }));
      members = out.Users?.length ?? 0;
    } catch (err) {
      if (isNotFound(err)) return { group, exists: false, adminPolicy: false, members: 0 };
      throw err;
    }
    const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: group }));
    const adminPolicy = (attached.AttachedPolicies ?? []).some(
      (p) => p.PolicyArn === adminPolicyArn(ctx.partition),
    );
    return { group, exists: true, adminPolicy, members };
  },
  satisfied: (s) => s.exists && s.adminPolicy,
  describe(s) {
    return {
      before: s.exists
        ? [`Group ${s.group} exists (${s.members} member(s)) without AdministratorAccess.`]
        : [`There is no group named ${s.group}.`],
      after: [
        ...(s.exists ? [] : [`Create the IAM group ${s.group}.`]),
        `Attach the AWS managed policy AdministratorAccess to ${s.group}.`,
      ],
    };
  },
  async apply(ctx, s) {
    const iam = ctx.pool.client(IAMClient);
    if (!s.exists) {
      await iam.send(new CreateGroupCommand({ GroupName: s.group }));
      await ctx.record({ kind: 'group-created', group: s.group });
    }
    if (!s.adminPolicy) {
      const policyArn = adminPolicyArn(ctx.partition);
      await iam.send(new AttachGroupPolicyCommand({ GroupName: s.group, PolicyArn: policyArn }));
      await ctx.record({ kind: 'policy-attached', group: s.group, policyArn });
    }
  },
  async undo(ctx, change) {
    const iam = ctx.pool.client(IAMClient);
    const group = str(change.group);
    if (change.kind === 'policy-attached') {
      await ignoreNotFound(() =>
        iam.send(new DetachGroupPolicyCommand({ GroupName: group, PolicyArn: str(change.policyArn) })),
      );
    } else if (change.kind === 'group-created') {
      await ignoreNotFound(() => iam.send(new DeleteGroupCommand({ GroupName: group })));
    } else {
      throw new Error(`unknown change ${change.kind}`);
    }
  },
});
