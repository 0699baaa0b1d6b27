import { IAMClient, paginateListVirtualMFADevices } from '@aws-sdk/client-iam';
import { defineCollector } from './types.js';
import { omit } from './util.js';

/**
 * Every virtual MFA device, assigned or not. Tells a root user's virtual MFA (serial
 * `arn:aws:iam::<id>:mfa/...` assigned to `arn:aws:iam::<id>:root`) from a hardware key, which the
 * credential report cannot do. The seed (Base32StringSeed, QRCodePNG) is a secret: never kept.
 */
export const virtualMfaDevicesCollector = defineCollector({
  slice: 'virtualMfaDevices',
  actions: ['iam:ListVirtualMFADevices'],
  async collect({ pool }) {
    const VirtualMFADevices: unknown[] = [];
    const pages = paginateListVirtualMFADevices(
      { client: pool.client(IAMClient), pageSize: 1000 },
      { AssignmentStatus: 'Any' },
    );
    for await (const page of pages) {
      for (const device of page.VirtualMFADevices ?? []) {
        // Explicit, although the slice schema is strict and would drop them too.
        VirtualMFADevices.push(omit(device, ['Base32StringSeed', 'QRCodePNG']));
      }
    }
    return { VirtualMFADevices };
  },
});
