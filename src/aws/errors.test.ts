import { describe, expect, it } from 'vitest';
import { classifyAwsError, toSliceError } from './errors.js';

/** An SDK service error as the v3 client throws it, with the action our middleware records. */
const sdkError = (name: string, message: string, action?: string) =>
  Object.assign(new Error(message), { name, ...(action ? { rampartAction: action } : {}) });

describe('classifyAwsError', () => {
  it.each([
    ['AccessDenied', 'User is not authorized to perform: iam:GetAccountSummary', 'access-denied'],
    ['ThrottlingException', 'Rate exceeded', 'throttled'],
    ['NoSuchEntity', 'The user with name x cannot be found.', 'not-found'],
    ['ExpiredToken', 'The security token included in the request is expired', 'expired-credentials'],
    ['Error', 'connect ECONNREFUSED 127.0.0.1:5123', 'network'],
    // What the SDK throws when the endpoint answers an HTML page (a proxy, an endpoint without the API).
    ['SyntaxError', `Unexpected token '<', "<!doctype "... is not valid JSON`, 'unreadable-answer'],
    ['InternalFailure', 'We encountered an internal error.', 'other'],
  ])('%s: %s -> %s', (name, message, kind) => {
    expect(classifyAwsError(sdkError(name, message))).toBe(kind);
  });
});

describe('toSliceError', () => {
  it('keeps the kind and the IAM action, the message on one line', () => {
    expect(toSliceError(sdkError('ThrottlingException', 'Rate exceeded\nmore', 'iam:ListUsers'))).toEqual({
      kind: 'throttled',
      message: 'ThrottlingException: Rate exceeded',
      action: 'iam:ListUsers',
    });
  });

  it('an unparseable 403 is still a refusal (moto answers JSON APIs with an XML error body)', () => {
    const err = Object.assign(sdkError('SyntaxError', `Unexpected token '<'`, 'budgets:ViewBudget'), {
      $metadata: { httpStatusCode: 403 },
    });
    expect(toSliceError(err).kind).toBe('access-denied');
  });

  it('an unparseable answer is invalid data, said in words, not a bare SyntaxError', () => {
    const e = toSliceError(sdkError('SyntaxError', `Unexpected token '<'`), 'cloudtrail:LookupEvents');
    expect(e.kind).toBe('invalid-data');
    expect(e.message).toMatch(/^the endpoint's answer is not an AWS API response \(SyntaxError: /);
    expect(e.action).toBe('cloudtrail:LookupEvents');
  });
});
