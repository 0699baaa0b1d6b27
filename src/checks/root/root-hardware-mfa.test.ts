import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne, statuses } from '../testing.js';
import check from './root-hardware-mfa.js';

const devices = (...list: { SerialNumber: string; User?: { Arn: string } }[]) =>
  ({ status: 'ok', data: { VirtualMFADevices: list } }) as const;

describe('root-hardware-mfa', () => {
  it('fails when the root user has a virtual MFA device, naming it', () => {
    const snap = snapshot()
      .root({ mfa: true })
      .slice(
        'virtualMfaDevices',
        devices({
          SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
          User: { Arn: 'arn:aws:iam::123456789012:root' },
        }),
      )
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('root-account-mfa-device');
  });

  it('passes when MFA is on and no virtual device belongs to root (users’ virtual devices do not count)', () => {
    const snap = snapshot()
      .root({ mfa: true })
      .slice(
        'virtualMfaDevices',
        devices(
          {
            SerialNumber: 'arn:aws:iam::123456789012:mfa/alice',
            User: { Arn: 'arn:aws:iam::123456789012:user/alice' },
          },
          { SerialNumber: 'arn:aws:iam::123456789012:mfa/unassigned' },
        ),
      )
      .build();
    expect(statuses(runOne(check, snap))).toEqual(['pass']);
  });

  it('fails when the root user has no MFA at all', () => {
    const snap = snapshot().root({ mfa: false }).slice('virtualMfaDevices', devices()).build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('no MFA device');
  });

  it('is an error naming the permission when the device list was denied', () => {
    const snap = snapshot()
      .root({ mfa: true })
      .denied('virtualMfaDevices', 'iam:ListVirtualMFADevices')
      .build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('iam:ListVirtualMFADevices');
  });
});
