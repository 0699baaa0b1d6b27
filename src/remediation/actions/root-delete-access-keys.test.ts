import {
  DeleteAccessKeyCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collectors/testing.js';
import { NotUndone } from '../errors.js';
import { isManual } from '../plan.js';
import { FakePrompter } from '../prompter.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action from './root-delete-access-keys.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());
const ROOT = 'arn:aws:iam::123456789012:root';

describe('root-delete-access-keys', () => {
  it('is a guided manual step unless running as root, and never lists keys as another caller', async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 1 } });
    const state = await action.read(actionContext());
    expect(state).toEqual({ present: 1, keys: null });
    expect(iam.commandCalls(ListAccessKeysCommand)).toHaveLength(0);
    expect(isManual(action, { isRoot: false })).toBe(true);
    expect(isManual(action, { isRoot: true })).toBe(false);
    expect(action.describe(state, TEST_INPUTS, { accountId: '1', region: 'r' }).after.join(' ')).toContain(
      'Security credentials',
    );
  });

  it('as root: deactivates, then deletes only after the confirmation', async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 1 } });
    iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [
        { AccessKeyId: 'AKIA1', Status: 'Active' },
        { AccessKeyId: 'AKIA2', Status: 'Active' },
      ],
    });
    const prompter = new FakePrompter([true, false]);
    const ctx = actionContext({ callerArn: ROOT, prompter });
    const state = await action.read(ctx);
    await action.apply(ctx, state);
    expect(iam.commandCalls(UpdateAccessKeyCommand).map((c) => c.args[0].input)).toEqual([
      { AccessKeyId: 'AKIA1', Status: 'Inactive' },
      { AccessKeyId: 'AKIA2', Status: 'Inactive' },
    ]);
    expect(iam.commandCalls(DeleteAccessKeyCommand).map((c) => c.args[0].input)).toEqual([
      { AccessKeyId: 'AKIA1' },
    ]);
    expect(prompter.asked).toHaveLength(2);
    expect(ctx.changes.map((c) => c.kind)).toEqual([
      'root-key-deactivated',
      'root-key-deleted',
      'root-key-deactivated',
    ]);
  });

  it('undo as root re-activates a deactivated key', async () => {
    iam.on(UpdateAccessKeyCommand).resolves({});
    await action.undo(actionContext({ callerArn: ROOT }), {
      kind: 'root-key-deactivated',
      accessKeyId: 'AKIA2',
    });
    expect(iam.commandCalls(UpdateAccessKeyCommand)[0]?.args[0].input).toEqual({
      AccessKeyId: 'AKIA2',
      Status: 'Active',
    });
  });

  it('undo of a deleted key is not undone: it cannot be restored', async () => {
    await expect(
      action.undo(actionContext({ callerArn: ROOT }), { kind: 'root-key-deleted', accessKeyId: 'AKIA1' }),
    ).rejects.toThrow(new NotUndone('root access key AKIA1 was deleted; a deleted key cannot be restored'));
    expect(iam.calls()).toHaveLength(0);
  });

  it('undo of a deactivation by anyone but root calls nothing (it would target their own keys) and says root must do it', async () => {
    const undo = action.undo(actionContext(), { kind: 'root-key-deactivated', accessKeyId: 'AKIA2' });
    await expect(undo).rejects.toBeInstanceOf(NotUndone);
    await expect(undo).rejects.toThrow('only the root user can reactivate root access key AKIA2');
    expect(iam.calls()).toHaveLength(0);
  });

  it('undo as root of a key gone since is not undone, never a silent success', async () => {
    iam
      .on(UpdateAccessKeyCommand)
      .rejects(awsError('NoSuchEntity', 'The Access Key with id AKIA2 cannot be found', 404));
    await expect(
      action.undo(actionContext({ callerArn: ROOT }), { kind: 'root-key-deactivated', accessKeyId: 'AKIA2' }),
    ).rejects.toThrow('no longer exists');
  });
});
