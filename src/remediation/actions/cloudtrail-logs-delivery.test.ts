import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { CloudTrailClient, DescribeTrailsCommand, UpdateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { buildPlan } from '../plan.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import { LOG_GROUP, LOGS_ROLE } from './cloudtrail-create-trail.js';
import action, { type DeliveryTrail } from './cloudtrail-logs-delivery.js';

const ct = mockClient(CloudTrailClient);
const iam = mockClient(IAMClient);
const logs = mockClient(CloudWatchLogsClient);
const account = mockClient(AccountClient);
const enabled = (...names: string[]) => ({
  Regions: names.map((RegionName) => ({ RegionName, RegionOptStatus: 'ENABLED_BY_DEFAULT' as const })),
});
// The session region (eu-west-1) is the only enabled one unless a test says otherwise.
beforeEach(() => account.on(ListRegionsCommand).resolves(enabled('eu-west-1')));
afterEach(() => {
  ct.reset();
  iam.reset();
  logs.reset();
  account.reset();
});
const regionOf = async (getClient: () => { config: { region: () => Promise<string> } }) =>
  getClient().config.region();

const ACCOUNT = '123456789012';
const MAIN_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/main`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${LOGS_ROLE}`;
const GROUP = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${LOG_GROUP}:*`;
const withLogs = { ...TEST_INPUTS, trailCloudWatchLogs: true };

const trail = (t: Partial<DeliveryTrail> = {}): DeliveryTrail => ({
  name: 'main',
  arn: MAIN_ARN,
  homeRegion: 'eu-west-1',
  owner: ACCOUNT,
  organization: false,
  multiRegion: true,
  place: 'here',
  logGroupArn: null,
  roleArn: null,
  ...t,
});
const ORG = trail({
  name: 'org',
  arn: 'arn:aws:cloudtrail:eu-west-1:999999999999:trail/org',
  owner: '999999999999',
  organization: true,
  place: 'other-account',
});
/** A single-region trail: cloudtrail-cloudwatch-logs fails it like any other trail without delivery. */
const SINGLE = trail({
  name: 'single',
  arn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/single`,
  multiRegion: false,
});
const US = trail({
  name: 'us',
  arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/us`,
  homeRegion: 'us-east-1',
  place: 'other-region',
});

/** What the plan says of this step for this state (pure: buildPlan over the action alone). */
function planned(
  state: { trails: DeliveryTrail[]; unseen?: string[]; logsRole?: unknown },
  inputs = withLogs,
) {
  const plan = buildPlan({
    accountId: ACCOUNT,
    partition: 'aws',
    region: 'eu-west-1',
    callerArn: `arn:aws:iam::${ACCOUNT}:user/setup`,
    createdAt: '2026-01-01T00:00:00Z',
    inputs,
    states: { 'cloudtrail-logs-delivery': state },
    findings: [
      {
        checkId: 'cloudtrail-cloudwatch-logs',
        status: 'fail',
        message: 'Trail main does not deliver to CloudWatch Logs.',
      } as never,
    ],
    actions: [action],
    interactive: false,
  });
  const step = plan.steps[0];
  if (!step) throw new Error('no step');
  return step;
}

describe('cloudtrail-logs-delivery', () => {
  describe('read', () => {
    it('keeps every trail (single-region too) and says where each lives: here, another account (organization trail), another home region', async () => {
      ct.on(DescribeTrailsCommand).resolves({
        trailList: [
          {
            Name: 'main',
            TrailARN: MAIN_ARN,
            HomeRegion: 'eu-west-1',
            IsMultiRegionTrail: true,
            CloudWatchLogsLogGroupArn: '',
          },
          {
            Name: 'org',
            TrailARN: ORG.arn,
            HomeRegion: 'eu-west-1',
            IsMultiRegionTrail: true,
            IsOrganizationTrail: true,
          },
          { Name: 'us', TrailARN: US.arn, HomeRegion: 'us-east-1', IsMultiRegionTrail: true },
          {
            Name: 'single',
            TrailARN: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/single`,
            HomeRegion: 'eu-west-1',
            IsMultiRegionTrail: false,
          },
        ],
      });
      const state = await action.read(actionContext());
      // Sorted by ARN; an empty group ARN is none.
      expect(state).toEqual({ trails: [trail(), SINGLE, ORG, US] });
      expect(ct.commandCalls(DescribeTrailsCommand)[0]?.args[0].input).toEqual({ includeShadowTrails: true });
      // Without --trail-cloudwatch-logs the role is not read.
      expect(iam.commandCalls(GetRoleCommand)).toHaveLength(0);
    });

    // AWS CloudTrail API reference, DescribeTrails
    // (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html): one region lists its own
    // trails and the shadows of multi-region and organization trails, so a single-region trail of another region is
    // listed only there.
    it('lists the trails of every enabled region: a single-region trail homed in another region is seen', async () => {
      account.on(ListRegionsCommand).resolves(enabled('eu-west-1', 'us-east-1'));
      const usOnly = { Name: 'us', TrailARN: US.arn, HomeRegion: 'us-east-1', IsMultiRegionTrail: false };
      ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => ({
        trailList: (await regionOf(getClient)) === 'us-east-1' ? [usOnly] : [],
      }));
      const state = await action.read(actionContext());
      expect(state).toEqual({ trails: [{ ...US, multiRegion: false }] });
    });

    it('a region whose trails cannot be listed is named in the state, the others still read', async () => {
      account.on(ListRegionsCommand).resolves(enabled('ap-south-2', 'eu-west-1'));
      ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
        if ((await regionOf(getClient)) === 'ap-south-2')
          throw awsError('AccessDeniedException', 'not authorized to perform: cloudtrail:DescribeTrails');
        return {
          trailList: [
            { Name: 'main', TrailARN: MAIN_ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true },
          ],
        };
      });
      expect(await action.read(actionContext())).toEqual({
        trails: [trail()],
        unseen: [
          "ap-south-2's trails could not be listed (access denied (missing permission cloudtrail:DescribeTrails))",
        ],
      });
    });

    // AccessDenied names a service control policy when one denies the request
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html): a region the organization
    // closed stays closed, so it does not hold the step back on every run.
    it('a region a service control policy closes does not count as unseen', async () => {
      account.on(ListRegionsCommand).resolves(enabled('me-south-1', 'eu-west-1'));
      ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
        if ((await regionOf(getClient)) === 'me-south-1')
          throw awsError(
            'AccessDeniedException',
            'not authorized to perform: cloudtrail:DescribeTrails with an explicit deny in a service control policy',
          );
        return {
          trailList: [
            { Name: 'main', TrailARN: MAIN_ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true },
          ],
        };
      });
      expect(await action.read(actionContext())).toEqual({ trails: [trail()] });
    });

    it("judges the role for the log group of each target's home region: a Deny on another region's group blocks", async () => {
      account.on(ListRegionsCommand).resolves(enabled('eu-west-1', 'us-east-1'));
      ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => ({
        trailList:
          (await regionOf(getClient)) === 'us-east-1'
            ? [{ Name: 'us', TrailARN: US.arn, HomeRegion: 'us-east-1', IsMultiRegionTrail: false }]
            : [],
      }));
      iam.on(GetRoleCommand).resolves({
        Role: {
          RoleName: LOGS_ROLE,
          Arn: ROLE_ARN,
          Path: '/',
          RoleId: 'AROAEXAMPLE',
          CreateDate: new Date('2025-01-01T00:00:00Z'),
          AssumeRolePolicyDocument: encodeURIComponent(
            JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'cloudtrail.amazonaws.com' },
                  Action: 'sts:AssumeRole',
                },
              ],
            }),
          ),
        },
      });
      iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['guardrail'] });
      iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
      iam
        .on(GetRolePolicyCommand, { PolicyName: 'guardrail' })
        .resolves({
          RoleName: LOGS_ROLE,
          PolicyName: 'guardrail',
          PolicyDocument: encodeURIComponent(
            JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'NoUsLogs',
                  Effect: 'Deny',
                  Action: 'logs:PutLogEvents',
                  Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*`,
                },
              ],
            }),
          ),
        })
        .on(GetRolePolicyCommand, { PolicyName: 'cloudtrail-to-logs' })
        .rejects(awsError('NoSuchEntity', 'no policy', 404));
      const state = await action.read(actionContext({ inputs: { trailCloudWatchLogs: true } }));
      expect(state.logsRole?.denied).toEqual([
        { action: 'logs:PutLogEvents', policy: 'guardrail', statement: '"NoUsLogs"' },
      ]);
    });

    it('with --trail-cloudwatch-logs and a trail to update, reads the role and judges its trust for that trail', async () => {
      ct.on(DescribeTrailsCommand).resolves({
        trailList: [{ Name: 'main', TrailARN: MAIN_ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true }],
      });
      // Trusts CloudTrail only for another trail (aws:SourceArn): CloudTrail could not assume it for main.
      iam.on(GetRoleCommand).resolves({
        Role: {
          RoleName: LOGS_ROLE,
          Arn: ROLE_ARN,
          Path: '/',
          RoleId: 'AROAEXAMPLE',
          CreateDate: new Date('2025-01-01T00:00:00Z'),
          AssumeRolePolicyDocument: encodeURIComponent(
            JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'cloudtrail.amazonaws.com' },
                  Action: 'sts:AssumeRole',
                  Condition: {
                    StringEquals: {
                      'aws:SourceArn': `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/rampart-trail`,
                    },
                  },
                },
              ],
            }),
          ),
        },
      });
      iam.on(GetRolePolicyCommand).rejects(awsError('NoSuchEntity', 'no policy', 404));
      iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: [] });
      iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
      const state = await action.read(actionContext({ inputs: { trailCloudWatchLogs: true } }));
      expect(state.logsRole).toEqual({ trustsCloudTrail: false, policy: 'absent' });
      expect(planned(state).blocked).toBe(
        `the role ${LOGS_ROLE} exists but its trust policy does not let CloudTrail (cloudtrail.amazonaws.com) assume it: let it, or delete the role, then run again`,
      );
    });
  });

  describe('plan decisions', () => {
    it('a multi-region trail here without delivery: the step will change it, and the why names cloudtrail-cloudwatch-logs', () => {
      const step = planned({ trails: [trail()] });
      expect(step).toMatchObject({
        satisfied: false,
        failing: ['cloudtrail-cloudwatch-logs'],
        fixes: ['cloudtrail-cloudwatch-logs'],
      });
      expect(step.blocked).toBeUndefined();
      expect(step.describe.before).toEqual(['Trail main (eu-west-1): does not deliver to CloudWatch Logs.']);
      expect(step.describe.after).toEqual([
        `Deliver the trail main to the CloudWatch Logs group ${LOG_GROUP} (an existing group of that name is used, and kept on rollback) through the role ${LOGS_ROLE} (cloudtrail:UpdateTrail; nothing else of the trail changes, and rollback puts back its previous setting: no CloudWatch Logs delivery).`,
        `Create the role ${LOGS_ROLE}, which only CloudTrail (cloudtrail.amazonaws.com) can assume, for this account only, with the inline policy cloudtrail-to-logs allowing logs:CreateLogStream and logs:PutLogEvents on the group's log streams.`,
      ]);
    });

    it('without --trail-cloudwatch-logs: skipped, naming the flag', () => {
      expect(planned({ trails: [trail()] }, TEST_INPUTS).blocked).toBe(
        'needs --trail-cloudwatch-logs (CloudWatch Logs ingestion and storage are charged)',
      );
    });

    it('a single-region trail here without delivery is updated too (the check fails it like any other), and the plan says it is single-region', () => {
      const step = planned({ trails: [trail({ logGroupArn: GROUP, roleArn: ROLE_ARN }), SINGLE] });
      expect(step.satisfied).toBe(false);
      expect(step.blocked).toBeUndefined();
      expect(step.describe.before).toEqual([
        `Trail main (eu-west-1): delivers to ${GROUP}.`,
        'Trail single (single-region, eu-west-1): does not deliver to CloudWatch Logs.',
      ]);
      expect(step.describe.after[0]).toMatch(/^Deliver the trail single to the CloudWatch Logs group /);
    });

    it('every trail delivers: already done', () => {
      expect(planned({ trails: [trail({ logGroupArn: GROUP, roleArn: ROLE_ARN })] }).satisfied).toBe(true);
      expect(planned({ trails: [trail({ logGroupArn: GROUP })] }, TEST_INPUTS).satisfied).toBe(true);
    });

    it('no trail: skipped, cloudtrail-create-trail makes one that delivers', () => {
      const step = planned({ trails: [] });
      expect(step.satisfied).toBe(false);
      expect(step.blocked).toBe(
        'no trail yet: cloudtrail-create-trail creates rampart-trail delivering to CloudWatch Logs',
      );
    });

    it("another account's organization trail is never modified: skipped, saying why", () => {
      expect(planned({ trails: [ORG] }).blocked).toBe(
        'trail org belongs to account 999999999999 (an organization trail): add its CloudWatch Logs delivery from that account',
      );
    });

    it("this account's trail homed in another region is updated there, with a log group of that region", () => {
      const step = planned({ trails: [ORG, US] });
      expect(step.blocked).toBeUndefined();
      expect(step.describe.after[0]).toBe(
        `Deliver the trail us to the CloudWatch Logs group ${LOG_GROUP} of its home region us-east-1 (an existing group of that name is used, and kept on rollback) through the role ${LOGS_ROLE} (cloudtrail:UpdateTrail in us-east-1; nothing else of the trail changes, and rollback puts back its previous setting: no CloudWatch Logs delivery).`,
      );
    });

    it('a region whose trails could not be listed: not done, and when nothing else is to do, skipped naming it', () => {
      const unseen = [
        "ap-south-2's trails could not be listed (access denied (missing permission cloudtrail:DescribeTrails))",
      ];
      const step = planned({ trails: [trail({ logGroupArn: GROUP, roleArn: ROLE_ARN })], unseen });
      expect(step.satisfied).toBe(false);
      expect(step.describe.before.at(-1)).toBe(`Not seen: ${unseen[0] ?? ''}.`);
      expect(step.blocked).toBe(`cannot see every trail: ${unseen[0] ?? ''}`);
      // With a trail to update, that trail is updated all the same.
      expect(planned({ trails: [trail()], unseen }).blocked).toBeUndefined();
    });

    it('a trail here beside them: only it is updated, and the plan says the others are left as they are', () => {
      const step = planned({ trails: [ORG, trail()] });
      expect(step.blocked).toBeUndefined();
      expect(step.describe.before).toEqual([
        'Trail org (eu-west-1, account 999999999999): does not deliver to CloudWatch Logs.',
        'Trail main (eu-west-1): does not deliver to CloudWatch Logs.',
      ]);
      expect(step.describe.after.at(-1)).toBe(
        'Left as it is: trail org belongs to account 999999999999 (an organization trail): add its CloudWatch Logs delivery from that account.',
      );
    });

    it('a role CloudTrail cannot assume, or whose inline policy denies the writes: skipped with the reason', () => {
      expect(
        planned({ trails: [trail()], logsRole: { trustsCloudTrail: false, policy: 'absent' } }).blocked,
      ).toMatch(/^the role rampart-cloudtrail-to-logs exists but its trust policy does not let CloudTrail/);
      expect(
        planned({
          trails: [trail()],
          logsRole: {
            trustsCloudTrail: true,
            policy: 'absent',
            denied: [{ action: 'logs:PutLogEvents', policy: 'guardrail', statement: '"NoLogWrites"' }],
          },
        }).blocked,
      ).toBe(
        `the role ${LOGS_ROLE} exists but its inline policy guardrail (statement "NoLogWrites") denies logs:PutLogEvents on the log group ${LOG_GROUP}, so CloudTrail could not deliver to it: remove that Deny (or delete the role), then run again`,
      );
    });
  });

  describe('apply and undo', () => {
    it('creates the log group and the role, updates the trail with them, and journals its previous settings', async () => {
      logs.on(CreateLogGroupCommand).resolves({});
      iam.on(GetRoleCommand).rejects(awsError('NoSuchEntity', 'no role', 404));
      iam.on(CreateRoleCommand).resolves({ Role: { RoleName: LOGS_ROLE, Arn: ROLE_ARN } as never });
      iam.on(PutRolePolicyCommand).resolves({});
      ct.on(UpdateTrailCommand).resolves({});
      const ctx = actionContext({ inputs: { trailCloudWatchLogs: true } });
      await action.apply(ctx, { trails: [ORG, trail()] });
      // Only the trail here: never the organization trail.
      expect(ct.commandCalls(UpdateTrailCommand).map((c) => c.args[0].input)).toEqual([
        { Name: MAIN_ARN, CloudWatchLogsLogGroupArn: GROUP, CloudWatchLogsRoleArn: ROLE_ARN },
      ]);
      expect(iam.commandCalls(CreateRoleCommand)[0]?.args[0].input.Description).toBe(
        'Lets CloudTrail deliver the trail main to CloudWatch Logs',
      );
      expect(ctx.changes).toEqual([
        { kind: 'log-group-created', name: LOG_GROUP, region: 'eu-west-1' },
        { kind: 'role-created', role: LOGS_ROLE },
        { kind: 'role-policy-put', role: LOGS_ROLE, policy: 'cloudtrail-to-logs' },
        {
          kind: 'trail-logs-set',
          trail: MAIN_ARN,
          region: 'eu-west-1',
          previous: { logGroupArn: null, roleArn: null },
          logGroupArn: GROUP,
        },
      ]);
    });

    // AWS CloudTrail API reference, UpdateTrail
    // (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html): "UpdateTrail must be called
    // from the Region in which the trail was created; otherwise, an InvalidHomeRegionException is thrown."
    it('a trail homed in another region: its log group made there, UpdateTrail sent there; the role allows both groups', async () => {
      const seen: string[] = [];
      logs.on(CreateLogGroupCommand).callsFake(async (_input, getClient) => {
        seen.push(`CreateLogGroup @${await regionOf(getClient)}`);
        return {};
      });
      let policy: string | undefined;
      let created = false;
      iam.on(GetRoleCommand).callsFake(() => {
        if (!created) throw awsError('NoSuchEntity', 'no role', 404);
        return { Role: { RoleName: LOGS_ROLE, Arn: ROLE_ARN } };
      });
      iam.on(CreateRoleCommand).callsFake(() => {
        created = true;
        return { Role: { RoleName: LOGS_ROLE, Arn: ROLE_ARN } };
      });
      iam.on(PutRolePolicyCommand).callsFake((input: { PolicyDocument: string }) => {
        policy = input.PolicyDocument;
        return {};
      });
      // Once created (first region), the role is there for the second region, with the policy just put.
      iam.on(GetRolePolicyCommand).callsFake(() => {
        if (policy === undefined) throw awsError('NoSuchEntity', 'no policy', 404);
        return {
          RoleName: LOGS_ROLE,
          PolicyName: 'cloudtrail-to-logs',
          PolicyDocument: encodeURIComponent(policy),
        };
      });
      ct.on(UpdateTrailCommand).callsFake(async (input: { Name: string }, getClient) => {
        seen.push(`UpdateTrail ${input.Name} @${await regionOf(getClient)}`);
        return {};
      });
      const ctx = actionContext({ inputs: { trailCloudWatchLogs: true } });
      await action.apply(ctx, { trails: [trail(), US] });

      const US_GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${LOG_GROUP}`;
      expect(seen).toEqual([
        'CreateLogGroup @eu-west-1',
        `UpdateTrail ${MAIN_ARN} @eu-west-1`,
        'CreateLogGroup @us-east-1',
        `UpdateTrail ${US.arn} @us-east-1`,
      ]);
      expect(ct.commandCalls(UpdateTrailCommand)[1]?.args[0].input).toEqual({
        Name: US.arn,
        CloudWatchLogsLogGroupArn: `${US_GROUP}:*`,
        CloudWatchLogsRoleArn: ROLE_ARN,
      });
      // The second region extends the policy: the first region's group stays allowed.
      expect(JSON.parse(policy ?? '{}')).toMatchObject({
        Statement: [
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: [
              `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${LOG_GROUP}:log-stream:*`,
              `${US_GROUP}:log-stream:*`,
            ],
          },
        ],
      });
      expect(ctx.changes.map((c) => [c.kind, c.region])).toEqual([
        ['log-group-created', 'eu-west-1'],
        ['role-created', undefined],
        ['role-policy-put', undefined],
        ['trail-logs-set', 'eu-west-1'],
        ['log-group-created', 'us-east-1'],
        ['role-policy-replaced', undefined],
        ['trail-logs-set', 'us-east-1'],
      ]);
    });

    it('verify fails while the trail shows no delivery, and ignores trails left as they are', async () => {
      ct.on(DescribeTrailsCommand).resolves({
        trailList: [
          { Name: 'main', TrailARN: MAIN_ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true },
          { Name: 'org', TrailARN: ORG.arn, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true },
        ],
      });
      await expect(action.verify?.(actionContext())).rejects.toThrow(
        'the change was made but main does not show CloudWatch Logs delivery yet (verification failed)',
      );
      ct.on(DescribeTrailsCommand).resolves({
        trailList: [
          {
            Name: 'main',
            TrailARN: MAIN_ARN,
            HomeRegion: 'eu-west-1',
            IsMultiRegionTrail: true,
            CloudWatchLogsLogGroupArn: GROUP,
          },
          { Name: 'org', TrailARN: ORG.arn, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true },
        ],
      });
      await expect(action.verify?.(actionContext())).resolves.toBeUndefined();
    });

    const set = {
      kind: 'trail-logs-set',
      trail: MAIN_ARN,
      region: 'eu-west-1',
      previous: { logGroupArn: null, roleArn: null },
      logGroupArn: GROUP,
    };
    const delivering = (group: string) =>
      ct.on(DescribeTrailsCommand).resolves({
        trailList: [
          {
            Name: 'main',
            TrailARN: MAIN_ARN,
            HomeRegion: 'eu-west-1',
            IsMultiRegionTrail: true,
            CloudWatchLogsLogGroupArn: group,
            CloudWatchLogsRoleArn: ROLE_ARN,
          },
        ],
      });

    it('undo clears the delivery with empty strings (how UpdateTrail removes it) when the trail had none', async () => {
      delivering(GROUP);
      ct.on(UpdateTrailCommand).resolves({});
      expect(await action.undo(actionContext(), set)).toBeUndefined();
      expect(ct.commandCalls(UpdateTrailCommand).map((c) => c.args[0].input)).toEqual([
        { Name: MAIN_ARN, CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '' },
      ]);
    });

    it('undo puts back exactly what the trail had (a role without a group)', async () => {
      delivering(GROUP);
      ct.on(UpdateTrailCommand).resolves({});
      const other = `arn:aws:iam::${ACCOUNT}:role/old`;
      await action.undo(actionContext(), { ...set, previous: { logGroupArn: null, roleArn: other } });
      expect(ct.commandCalls(UpdateTrailCommand)[0]?.args[0].input).toEqual({
        Name: MAIN_ARN,
        CloudWatchLogsLogGroupArn: '',
        CloudWatchLogsRoleArn: other,
      });
    });

    it('undo leaves a trail someone pointed elsewhere since, saying so; a trail gone is fine', async () => {
      const theirs = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:theirs:*`;
      delivering(theirs);
      expect(await action.undo(actionContext(), set)).toBe(
        `kept: trail main now delivers to ${theirs}, set since harden ran; left as it is`,
      );
      ct.on(DescribeTrailsCommand).resolves({ trailList: [] });
      expect(await action.undo(actionContext(), set)).toBeUndefined();
      expect(ct.commandCalls(UpdateTrailCommand)).toHaveLength(0);
    });
  });
});
