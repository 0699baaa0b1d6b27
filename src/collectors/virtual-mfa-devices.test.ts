import { IAMClient, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { virtualMfaDevicesSchema } from '../snapshot/aws-shapes.js';
import { virtualMfaDevicesCollector } from './virtual-mfa-devices.js';
import { testContext } from './testing.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

const SEED = new TextEncoder().encode('JBSWY3DPEHPK3PXP');

describe('virtualMfaDevices collector', () => {
  it('lists assigned and unassigned devices on every page, root included', async () => {
    iam
      .on(ListVirtualMFADevicesCommand)
      .resolvesOnce({
        IsTruncated: true,
        Marker: 'm',
        VirtualMFADevices: [
          {
            SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
            EnableDate: new Date('2024-01-01T00:00:00Z'),
            User: { Arn: 'arn:aws:iam::123456789012:root', UserId: '123456789012', UserName: '', Path: '', CreateDate: new Date(0) }, // prettier-ignore
          },
        ],
      })
      .resolvesOnce({ VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/spare' }] });
    const out = await virtualMfaDevicesCollector.collect(testContext(), {});
    expect(iam.commandCalls(ListVirtualMFADevicesCommand)[0]?.args[0].input).toMatchObject({
      AssignmentStatus: 'Any',
    });
    const data = virtualMfaDevicesSchema.parse(JSON.parse(JSON.stringify(out)));
    expect(data.VirtualMFADevices.map((d) => d.SerialNumber)).toEqual([
      'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
      'arn:aws:iam::123456789012:mfa/spare',
    ]);
    expect(data.VirtualMFADevices[0]?.User?.Arn).toBe('arn:aws:iam::123456789012:root');
  });

  it('never keeps the MFA seed or QR code, in the collector nor in the schema', async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [
        { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', Base32StringSeed: SEED, QRCodePNG: SEED },
      ],
    });
    const out = await virtualMfaDevicesCollector.collect(testContext(), {});
    expect(JSON.stringify(out)).not.toMatch(/Base32StringSeed|QRCodePNG/);

    // Even data that holds them (a hand-edited snapshot, an import) loses them when validated.
    const parsed = virtualMfaDevicesSchema.parse({
      VirtualMFADevices: [
        {
          SerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
          Base32StringSeed: 'JBSWY3DPEHPK3PXP',
          QRCodePNG: 'iVBORw0KGgo=',
          User: { Arn: 'arn:aws:iam::123456789012:user/alice', Tags: [] },
        },
      ],
    });
    expect(parsed).toEqual({
      VirtualMFADevices: [
        {
          SerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
          User: { Arn: 'arn:aws:iam::123456789012:user/alice' },
        },
      ],
    });
    expect(JSON.stringify(parsed)).not.toContain('JBSWY3DPEHPK3PXP');
  });
});
