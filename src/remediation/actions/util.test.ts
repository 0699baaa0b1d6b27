import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { actionContext } from '../testing.js';
import { userExists } from './util.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

describe('userExists', () => {
  it('is true when GetUser answers, false when the user is not found, and throws any other failure', async () => {
    const ctx = actionContext();
    iam.on(GetUserCommand, { UserName: 'JSmith' }).resolves({});
    iam.on(GetUserCommand, { UserName: 'Nobody' }).rejects(awsError('NoSuchEntityException', 'no user', 404));
    iam.on(GetUserCommand, { UserName: 'Hidden' }).rejects(awsError('AccessDenied', 'denied', 403));
    expect(await userExists(ctx, 'JSmith')).toBe(true);
    expect(await userExists(ctx, 'Nobody')).toBe(false);
    await expect(userExists(ctx, 'Hidden')).rejects.toThrow('denied');
  });
});
