import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetUserCommand,
  IAMClient,
  ListMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrompter } from '../prompter.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import action from './iam-enable-user-mfa.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SERIAL = 'arn:aws:iam::123456789012:mfa/JSmith';

describe('iam-enable-user-mfa', () => {
  it('shows a QR code, saves the PNG, enables the device with two codes; the seed is never said or journaled', async () => {
    iam.on(GetUserCommand).resolves({});
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    iam.on(CreateVirtualMFADeviceCommand).resolves({
      VirtualMFADevice: { SerialNumber: SERIAL, Base32StringSeed: new TextEncoder().encode(SEED) },
    });
    iam.on(EnableMFADeviceCommand).resolves({});
    const prompter = new FakePrompter(['123456', ' 654321 ']);
    const ctx = actionContext({ prompter });
    const state = await action.read(ctx);
    expect(state).toEqual({ user: 'JSmith', exists: true, devices: 0 });
    await action.apply(ctx, state);
    expect(iam.commandCalls(EnableMFADeviceCommand)[0]?.args[0].input).toEqual({
      UserName: 'JSmith',
      SerialNumber: SERIAL,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    });
    const png = ctx.files.get('rampart-123456789012-JSmith-mfa.png') as Uint8Array;
    expect(Buffer.from(png).subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(ctx.said.join('\n')).not.toContain(SEED);
    expect(JSON.stringify(ctx.changes)).not.toContain(SEED);
    expect(ctx.changes.map((c) => c.kind)).toEqual(['mfa-device-created', 'mfa-enabled']);
  });

  it('is skipped in non-interactive runs and without --admin-user', () => {
    const s = { user: 'JSmith', exists: true, devices: 0 };
    expect(action.blocked?.(s, TEST_INPUTS, { isRoot: false, interactive: false })?.reason).toContain(
      'needs a terminal',
    );
    expect(action.blocked?.(s, TEST_INPUTS, { isRoot: false, interactive: true })).toBeUndefined();
    expect(
      action.blocked?.({ ...s, user: null }, TEST_INPUTS, { isRoot: false, interactive: true })?.reason,
    ).toContain('--admin-user');
  });

  it('a resumed run replaces a device an interrupted run created but never enabled', async () => {
    iam.on(CreateVirtualMFADeviceCommand).resolves({
      VirtualMFADevice: { SerialNumber: SERIAL, Base32StringSeed: new TextEncoder().encode(SEED) },
    });
    iam.on(DeleteVirtualMFADeviceCommand).resolves({});
    const ctx = actionContext({
      prompter: new FakePrompter(['111111', '222222']),
      prior: [{ kind: 'mfa-device-created', userName: 'JSmith', serialNumber: `${SERIAL}-old` }],
    });
    await action.apply(ctx, { user: 'JSmith', exists: true, devices: 0 });
    expect(iam.commandCalls(DeleteVirtualMFADeviceCommand)[0]?.args[0].input).toEqual({
      SerialNumber: `${SERIAL}-old`,
    });
  });

  it('undo deactivates and deletes the device', async () => {
    iam.on(DeactivateMFADeviceCommand).resolves({});
    iam.on(DeleteVirtualMFADeviceCommand).resolves({});
    const ctx = actionContext();
    await action.undo(ctx, { kind: 'mfa-enabled', userName: 'JSmith', serialNumber: SERIAL });
    await action.undo(ctx, { kind: 'mfa-device-created', userName: 'JSmith', serialNumber: SERIAL });
    expect(iam.commandCalls(DeactivateMFADeviceCommand)).toHaveLength(1);
    expect(iam.commandCalls(DeleteVirtualMFADeviceCommand)).toHaveLength(1);
  });
});
