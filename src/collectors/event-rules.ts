import {
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  type Rule,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { defineCollector } from './types.js';
import { partError, type PartError } from './util.js';

/** A rule can only match root activity if its pattern names the Root identity type (any case: equals-ignore-case). */
export const mentionsRoot = (pattern: string | undefined): boolean => /root/i.test(pattern ?? '');

/**
 * EventBridge rules on the default event bus in us-east-1 (where root console sign-ins arrive) and the session
 * region. Targets are read only for rules whose pattern mentions root — the only ones that can match root
 * activity — so an account with hundreds of rules costs no extra calls for the rest (their Targets is null).
 */
export const eventRulesCollector = defineCollector({
  slice: 'eventRules',
  actions: ['events:ListRules', 'events:ListTargetsByRule'],
  async collect({ pool, region }) {
    const regions = [...new Set(['us-east-1', region])];
    const Regions = await Promise.all(
      regions.map(async (Region) => {
        const client = pool.client(EventBridgeClient, Region);
        const rules: Rule[] = [];
        let NextToken: string | undefined;
        const seen = new Set<string>();
        do {
          const out = await client.send(
            new ListRulesCommand({ Limit: 100, ...(NextToken ? { NextToken } : {}) }),
          );
          rules.push(...(out.Rules ?? []));
          NextToken = out.NextToken && !seen.has(out.NextToken) ? out.NextToken : undefined;
          if (NextToken) seen.add(NextToken);
        } while (NextToken);
        const Rules = await Promise.all(
          rules.map(async (rule) => {
            const errors: PartError[] = [];
            let Targets: Target[] | null = null;
            if (rule.Name && mentionsRoot(rule.EventPattern)) {
              try {
                Targets = [];
                let token: string | undefined;
                do {
                  const out = await client.send(
                    new ListTargetsByRuleCommand({ Rule: rule.Name, ...(token ? { NextToken: token } : {}) }),
                  );
                  Targets.push(...(out.Targets ?? []));
                  token = out.NextToken;
                } while (token);
              } catch (err) {
                Targets = null;
                errors.push(partError('ListTargetsByRule', err, 'events:ListTargetsByRule'));
              }
            }
            return { Rule: rule, Targets, errors };
          }),
        );
        return { Region, Rules };
      }),
    );
    return { Regions };
  },
});
