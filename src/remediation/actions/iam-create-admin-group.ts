import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
} from '@aws-sdk/client-iam';
import { NotUndone } from '../errors.js';
import { defineAction, type UndoContext } from '../types.js';
import { ignoreNotFound, isNotFound, str } from './util.js';

export const adminPolicyArn = (partition: string): string =>
  `arn:${partition}:iam::aws:policy/AdministratorAccess`;

/** The group's member user names (every page), or null when the group does not exist. */
async function groupMembers(iam: IAMClient, group: string): Promise<string[] | null> {
  const names: string[] = [];
  let marker: string | undefined;
  try {
    do {
      const out = await iam.send(
        new GetGroupCommand({ GroupName: group, ...(marker !== undefined ? { Marker: marker } : {}) }),
      );
      for (const u of out.Users ?? []) names.push(u.UserName ?? '');
      marker = out.IsTruncated === true ? out.Marker : undefined;
    } while (marker !== undefined);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
  return names;
}

/**
 * Members Rampart may not take admin rights from: everyone in the group now except the users this journal added
 * and those already in it when Rampart attached the policy (`before`; detaching gives them back what they had).
 */
export function foreignMembers(
  members: readonly string[],
  group: string,
  journaled: UndoContext['journaled'],
  before: readonly string[] = [],
): string[] {
  const ours = new Set(
    journaled
      .filter((j) => j.change.kind === 'added-to-group' && j.change.group === group)
      .map((j) => str(j.change.userName)),
  );
  return members.filter((m) => !ours.has(m) && !before.includes(m));
}

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
  changeKinds: ['group-created', 'policy-attached'],
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
      // Who was in it before: rollback may take back from them what this step gave, but not from later members.
      const members = s.exists ? ((await groupMembers(iam, s.group)) ?? []) : [];
      await iam.send(new AttachGroupPolicyCommand({ GroupName: s.group, PolicyArn: policyArn }));
      await ctx.record({ kind: 'policy-attached', group: s.group, policyArn, members });
    }
  },
  async undo(ctx, change) {
    const iam = ctx.pool.client(IAMClient);
    const group = str(change.group);
    if (change.kind !== 'policy-attached' && change.kind !== 'group-created') {
      throw new Error(`unknown change ${change.kind}`);
    }
    // Checked before anything changes: detaching first would strip a later member's rights even when the delete
    // then fails. Journals from before `members` was recorded count every other member as foreign.
    const before = Array.isArray(change.members) ? change.members.map(str) : [];
    const foreign = foreignMembers((await groupMembers(iam, group)) ?? [], group, ctx.journaled, before);
    if (foreign.length > 0) {
      throw new NotUndone(
        `group ${group} has members Rampart did not add (${foreign.join(', ')}): left as it is so they keep their rights; ` +
          `remove them from the group first to undo this`,
      );
    }
    if (change.kind === 'policy-attached') {
      await ignoreNotFound(() =>
        iam.send(new DetachGroupPolicyCommand({ GroupName: group, PolicyArn: str(change.policyArn) })),
      );
    } else {
      await ignoreNotFound(() => iam.send(new DeleteGroupCommand({ GroupName: group })));
    }
  },
});
