import { describe, expect, it } from 'vitest';
import { judgeRootUsagePattern } from './filter-pattern.js';

const CIS =
  '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}';

describe('judgeRootUsagePattern', () => {
  it.each([
    ['the exact CIS text', CIS],
    [
      'CIS with spaces',
      '{ $.userIdentity.type = "Root"  &&  $.userIdentity.invokedBy  NOT  EXISTS && $.eventType != "AwsServiceEvent" }',
    ],
    [
      'CIS on several lines',
      '{\n  $.userIdentity.type = "Root" &&\n  $.userIdentity.invokedBy NOT EXISTS\n}',
    ],
    [
      'reordered terms',
      '{ $.eventType != "AwsServiceEvent" && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = "Root" }',
    ],
    [
      'extra parentheses',
      '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent") }',
    ],
    ['unquoted Root', '{ $.userIdentity.type = Root }'],
    [
      'root only, without the exclusions (broader: still catches all root use)',
      '{ $.userIdentity.type = "Root" }',
    ],
    [
      'an OR of two root patterns',
      '{ ($.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS) || ($.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent") }',
    ],
  ])('accepts %s', (_name, pattern) => {
    expect(judgeRootUsagePattern(pattern)).toEqual({ matches: true });
  });

  it.each([
    ['a negated root test', '{ $.userIdentity.type != "Root" }', 'does not require'],
    ['another identity type', '{ $.userIdentity.type = "IAMUser" }', 'does not require'],
    ['lower-case root (values are case-sensitive)', '{ $.userIdentity.type = "root" }', 'does not require'],
    ['root OR anything', '{ $.userIdentity.type = "Root" || $.eventName = "ConsoleLogin" }', 'alternative'],
    [
      'root narrowed to one API call',
      '{ $.userIdentity.type = "Root" && $.eventName = "DeleteTrail" }',
      'narrows',
    ],
    ['a text pattern', '"Root"', 'not a JSON filter pattern'],
    ['another field only', '{ $.eventName = "ConsoleLogin" }', 'does not require'],
    ['garbage', '{ $.userIdentity.type = }', 'could not be read'],
    // CloudWatch Logs compares strings with = and != only; PutMetricFilter refuses ==.
    ['== (not CloudWatch Logs syntax)', '{ $.userIdentity.type == "Root" }', 'could not be read'],
    ['a wildcard value', '{ $.userIdentity.type = "*" }', 'does not require'],
    ['an empty pattern (every event)', '', 'not a JSON filter pattern'],
    ['unbalanced parentheses', '{ ($.userIdentity.type = "Root" }', 'could not be read'],
  ])('rejects %s', (_name, pattern, reason) => {
    const v = judgeRootUsagePattern(pattern);
    expect(v.matches).toBe(false);
    expect(v.matches ? '' : v.reason).toContain(reason);
  });
});
