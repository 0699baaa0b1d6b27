import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetUserCommand,
  IAMClient,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { StepPending } from '../errors.js';
import { FakePrompter } from '../prompter.js';
import { actionContext, TEST_INPUTS } from '../testing.js';
import { base32Decode, totp } from '../totp.js';
import action, { parseSeedFile, seedFileName, seedFileText } from './iam-enable-user-mfa.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SERIAL = 'arn:aws:iam::123456789012:mfa/JSmith';
const SEED_FILE = seedFileName('123456789012', 'JSmith');

/** Two consecutive codes of SEED, as the app shows them now. */
function codesNow(): [string, string] {
  const c = Math.floor(Date.now() / 30_000);
  return [totp(base32Decode(SEED), c - 1), totp(base32Decode(SEED), c)];
}
const fresh = { user: 'JSmith', exists: true, devices: 0, pending: null };
const pending = { ...fresh, pending: SERIAL };
const created = () =>
  iam.on(CreateVirtualMFADeviceCommand).resolves({
    VirtualMFADevice: { SerialNumber: SERIAL, Base32StringSeed: new TextEncoder().encode(SEED) },
  });
const savedSeed = () =>
  seedFileText({ user: 'JSmith', accountId: '123456789012', serial: SERIAL, uri: 'otpauth://x', seed: SEED });

describe('iam-enable-user-mfa', () => {
  it('in a terminal: shows the QR code, saves PNG and seed file, enables the device with two codes', async () => {
    iam.on(GetUserCommand).resolves({});
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [] });
    created();
    iam.on(EnableMFADeviceCommand).resolves({});
    const [c1, c2] = codesNow();
    const ctx = actionContext({ prompter: new FakePrompter([c1, ` ${c2} `]) });
    const state = await action.read(ctx);
    expect(state).toEqual(fresh);
    await action.apply(ctx, state);
    expect(iam.commandCalls(EnableMFADeviceCommand)[0]?.args[0].input).toEqual({
      UserName: 'JSmith',
      SerialNumber: SERIAL,
      AuthenticationCode1: c1,
      AuthenticationCode2: c2,
    });
    const png = ctx.files.get('rampart-123456789012-JSmith-mfa.png') as Uint8Array;
    expect(Buffer.from(png).subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(parseSeedFile(ctx.files.get(SEED_FILE) as string)).toEqual({ serial: SERIAL, seed: SEED });
    expect(ctx.said.join('\n')).not.toContain(SEED);
    expect(JSON.stringify(ctx.changes)).not.toContain(SEED);
    expect(ctx.changes.map((c) => c.kind)).toEqual(['mfa-device-created', 'mfa-enabled']);
  });

  it('a secrets directory that cannot be used stops the step before the device (and its one-time seed) exists', async () => {
    created();
    const ctx = actionContext({
      prepareSecretsDir: () => Promise.reject(new Error('the secrets directory /x is not usable')),
    });
    await expect(action.apply(ctx, fresh)).rejects.toThrow('is not usable');
    expect(iam.commandCalls(CreateVirtualMFADeviceCommand)).toHaveLength(0);
    expect(ctx.changes).toEqual([]);
  });

  it('without a terminal or codes: creates the device, saves the files, ends pending with the command to finish', async () => {
    created();
    const ctx = actionContext({ prompter: new FakePrompter([], false, true) });
    const err = await action.apply(ctx, fresh).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StepPending);
    expect((err as StepPending).changed).toBe(true);
    expect((err as StepPending).message).toContain(
      `/secrets/${SEED_FILE}), then run: rampart harden --apply --yes --admin-user JSmith --secrets-dir /tmp --mfa-codes CODE1,CODE2`,
    );
    expect(iam.commandCalls(EnableMFADeviceCommand)).toHaveLength(0);
    expect(ctx.files.has(SEED_FILE)).toBe(true);
    // No QR code on a non-interactive stderr: it encodes the seed.
    const said = ctx.said.join('\n');
    expect(said).not.toContain(SEED);
    expect(said).not.toMatch(/otpauth:\/\/|▄|█/);
    expect((err as Error).message).not.toContain(SEED);
    expect(ctx.changes.map((c) => c.kind)).toEqual(['mfa-device-created']);
  });

  it('--mfa-codes enables the pending device from its saved seed file', async () => {
    iam.on(EnableMFADeviceCommand).resolves({});
    const ctx = actionContext({ prompter: new FakePrompter([], false, true), mfaCodes: codesNow() });
    ctx.files.set(SEED_FILE, savedSeed());
    await action.apply(ctx, pending);
    expect(iam.commandCalls(CreateVirtualMFADeviceCommand)).toHaveLength(0);
    expect(iam.commandCalls(EnableMFADeviceCommand)[0]?.args[0].input.SerialNumber).toBe(SERIAL);
    expect(ctx.changes).toEqual([{ kind: 'mfa-enabled', userName: 'JSmith', serialNumber: SERIAL }]);
  });

  it('refuses codes that are not two consecutive current codes of the seed, before asking AWS', async () => {
    const [c1, c2] = codesNow();
    const ctx = actionContext({ prompter: new FakePrompter([], false, true), mfaCodes: [c2, c1] });
    ctx.files.set(SEED_FILE, savedSeed());
    await expect(action.apply(ctx, pending)).rejects.toThrow(/not two consecutive current codes/);
    expect(iam.commandCalls(EnableMFADeviceCommand)).toHaveLength(0);
  });

  it('codes for a device created in the same run cannot be right: pending, saying so', async () => {
    created();
    const ctx = actionContext({ prompter: new FakePrompter([], false, true), mfaCodes: codesNow() });
    await expect(action.apply(ctx, fresh)).rejects.toThrow(/--mfa-codes was ignored/);
    expect(iam.commandCalls(EnableMFADeviceCommand)).toHaveLength(0);
  });

  it('a pending device whose seed file is missing is explained, not deleted', async () => {
    const ctx = actionContext({ prompter: new FakePrompter([], false, true), mfaCodes: codesNow() });
    await expect(action.apply(ctx, pending)).rejects.toThrow(/seed file .* is not in the secrets directory/);
    expect(iam.commandCalls(DeleteVirtualMFADeviceCommand)).toHaveLength(0);
  });

  it('a resumed run replaces a device this journal created when its seed file is lost', async () => {
    created();
    iam.on(DeleteVirtualMFADeviceCommand).resolves({});
    const ctx = actionContext({
      prompter: new FakePrompter([], false, true),
      prior: [{ kind: 'mfa-device-created', userName: 'JSmith', serialNumber: SERIAL }],
    });
    await expect(action.apply(ctx, pending)).rejects.toThrow(StepPending);
    expect(iam.commandCalls(DeleteVirtualMFADeviceCommand)[0]?.args[0].input).toEqual({
      SerialNumber: SERIAL,
    });
    expect(iam.commandCalls(CreateVirtualMFADeviceCommand)).toHaveLength(1);
  });

  it('read finds a pending (unassigned) device named for the user', async () => {
    iam.on(GetUserCommand).resolves({});
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/Other' }, { SerialNumber: SERIAL }],
    });
    expect(await action.read(actionContext())).toEqual(pending);
  });

  it('runs without a terminal; only a missing --admin-user blocks it', () => {
    expect(action.blocked?.(fresh, TEST_INPUTS, { isRoot: false, interactive: false })).toBeUndefined();
    expect(
      action.blocked?.({ ...fresh, user: null }, TEST_INPUTS, { isRoot: false, interactive: true })?.reason,
    ).toContain('--admin-user');
  });

  it('undo deactivates and deletes the device, deactivating first when a later run enabled it', async () => {
    iam.on(DeactivateMFADeviceCommand).resolves({});
    iam.on(DeleteVirtualMFADeviceCommand).resolves({});
    iam
      .on(ListMFADevicesCommand)
      .resolves({ MFADevices: [{ SerialNumber: SERIAL, UserName: 'JSmith', EnableDate: new Date() }] });
    const ctx = actionContext();
    await action.undo(ctx, { kind: 'mfa-device-created', userName: 'JSmith', serialNumber: SERIAL });
    expect(iam.commandCalls(DeactivateMFADeviceCommand)).toHaveLength(1);
    expect(iam.commandCalls(DeleteVirtualMFADeviceCommand)).toHaveLength(1);
    await action.undo(ctx, { kind: 'mfa-enabled', userName: 'JSmith', serialNumber: SERIAL });
    expect(iam.commandCalls(DeactivateMFADeviceCommand)).toHaveLength(2);
  });
});
