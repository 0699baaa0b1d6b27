import { describe, expect, it } from 'vitest';
import { describeAwsFailure } from './errors.js';

const sdkError = (name: string, message: string, action?: string, status?: number) =>
  Object.assign(new Error(message), {
    name,
    ...(action ? { rampartAction: action } : {}),
    ...(status ? { $metadata: { httpStatusCode: status } } : {}),
  });

describe('describeAwsFailure (harden, apply, rollback)', () => {
  it.each([
    [
      sdkError('AccessDenied', 'User: x is not authorized to perform: iam:CreateGroup', 'iam:CreateGroup'),
      'access denied (missing permission iam:CreateGroup): User: x is not authorized to perform: iam:CreateGroup',
    ],
    [
      sdkError('ThrottlingException', 'Rate exceeded', 'iam:ListUsers'),
      'throttled by AWS on iam:ListUsers; try again later: Rate exceeded',
    ],
    // An HTML page instead of an API answer: said in words, as the audit says it.
    [
      sdkError(
        'SyntaxError',
        `Unexpected token '<', "<!doctype "... is not valid JSON`,
        'cur:DescribeReportDefinitions',
      ),
      `cur:DescribeReportDefinitions failed: the endpoint's answer is not an AWS API response (SyntaxError: Unexpected token '<', "<!doctype "... is not valid JSON)`,
    ],
    // An unparseable 403 is a refusal.
    [
      sdkError('SyntaxError', `Unexpected token '<'`, 'budgets:ViewBudget', 403),
      `access denied (missing permission budgets:ViewBudget): Unexpected token '<'`,
    ],
    [
      sdkError('InternalFailure', 'We encountered an internal error.\nstack', 'iam:GetUser'),
      'iam:GetUser failed: We encountered an internal error.',
    ],
  ])('%#', (err, text) => {
    expect(describeAwsFailure(err)).toBe(text);
  });
});
