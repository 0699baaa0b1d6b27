import { EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventRulesSchema } from '../snapshot/aws-shapes.js';
import { runCollector } from './collect.js';
import { eventRulesCollector } from './event-rules.js';
import { awsError, fakeJsonTransport, testContext } from './testing.js';

const ROOT = JSON.stringify({ detail: { userIdentity: { type: ['Root'] } } });

describe('eventRules collector', () => {
  const eb = mockClient(EventBridgeClient);
  afterEach(() => {
    eb.reset();
  });
  afterAll(() => {
    eb.restore();
  });

  it('lists rules in us-east-1 and the session region, reading targets only for rules that mention Root', async () => {
    eb.on(ListRulesCommand, { NextToken: undefined })
      .resolves({ Rules: [{ Name: 'root-activity', EventPattern: ROOT, State: 'ENABLED' }], NextToken: 'p2' })
      .on(ListRulesCommand, { NextToken: 'p2' })
      .resolves({ Rules: [{ Name: 'ec2-state', EventPattern: '{"source":["aws.ec2"]}', State: 'ENABLED' }] })
      .on(ListTargetsByRuleCommand)
      .resolves({ Targets: [{ Id: '1', Arn: 'arn:aws:sns:us-east-1:123456789012:sec' }] });
    const out = eventRulesSchema.parse(await eventRulesCollector.collect(testContext(), {}));
    expect(out.Regions.map((r) => r.Region)).toEqual(['us-east-1', 'eu-west-1']);
    const rules = out.Regions[0]?.Rules ?? [];
    expect(rules.map((r) => [r.Rule.Name, r.Targets?.length ?? null])).toEqual([
      ['root-activity', 1],
      ['ec2-state', null],
    ]);
    // One ListTargetsByRule per region for the one Root rule, none for the EC2 rule.
    expect(eb.commandCalls(ListTargetsByRuleCommand)).toHaveLength(2);
  });

  it('reads targets of an equals-ignore-case root rule too, and keeps a ListTargetsByRule failure beside the rule', async () => {
    const lower = JSON.stringify({ detail: { userIdentity: { type: [{ 'equals-ignore-case': 'root' }] } } });
    eb.on(ListRulesCommand).resolves({
      Rules: [{ Name: 'root-any-case', EventPattern: lower, State: 'ENABLED' }],
    });
    eb.on(ListTargetsByRuleCommand).rejects(
      Object.assign(awsError('AccessDeniedException', 'denied', 400), {
        rampartAction: 'events:ListTargetsByRule',
      }),
    );
    const out = eventRulesSchema.parse(
      await eventRulesCollector.collect(testContext({ region: 'us-east-1' }), {}),
    );
    expect(out.Regions).toHaveLength(1);
    expect(out.Regions[0]?.Rules[0]).toMatchObject({
      Targets: null,
      errors: [{ part: 'ListTargetsByRule', action: 'events:ListTargetsByRule' }],
    });
  });
});

describe('eventRules collector over the SDK’s HTTP layer', () => {
  it('AccessDenied on ListRules becomes an error slice naming events:ListRules', async () => {
    const ctx = testContext({ region: 'us-east-1' });
    fakeJsonTransport(ctx.pool.client(EventBridgeClient, 'us-east-1'), () => ({
      status: 400,
      body: { __type: 'AccessDeniedException', Message: 'not authorized to perform: events:ListRules' },
    }));
    expect(await runCollector(eventRulesCollector, ctx, {})).toMatchObject({
      status: 'error',
      error: { kind: 'access-denied', action: 'events:ListRules' },
    });
  });
});
