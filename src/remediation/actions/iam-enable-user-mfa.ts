import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetUserCommand,
  IAMClient,
  ListMFADevicesCommand,
} from '@aws-sdk/client-iam';
import QRCode from 'qrcode';
import { defineAction } from '../types.js';
import { ignoreNotFound, isNotFound, str } from './util.js';

interface State {
  user: string | null;
  exists: boolean;
  devices: number;
}

const CODE = /^\d{6}$/;

/** The otpauth URI authenticator apps read from the QR code. Holds the seed: never printed or stored. */
export function otpauthUri(seed: string, user: string, account: string): string {
  const label = encodeURIComponent(`Amazon Web Services:${user}@${account}`);
  return `otpauth://totp/${label}?secret=${seed}&issuer=${encodeURIComponent('Amazon Web Services')}`;
}

export default defineAction<State>({
  id: 'iam-enable-user-mfa',
  title: 'MFA (a virtual authenticator app) on your new IAM user',
  fixes: ['iam-users-mfa', 'iam-console-users-mfa'],
  after: ['iam-create-admin-user'],
  permissions: [
    'iam:GetUser',
    'iam:ListMFADevices',
    'iam:CreateVirtualMFADevice',
    'iam:EnableMFADevice',
    'iam:DeactivateMFADevice',
    'iam:DeleteVirtualMFADevice',
  ],
  cost: 'Free.',
  userImpact: 'The admin user signs in with a code from the authenticator app from now on.',
  async read(ctx) {
    const user = ctx.inputs.adminUser ?? null;
    if (!user) return { user, exists: false, devices: 0 };
    const iam = ctx.pool.client(IAMClient);
    try {
      await iam.send(new GetUserCommand({ UserName: user }));
    } catch (err) {
      if (isNotFound(err)) return { user, exists: false, devices: 0 };
      throw err;
    }
    const out = await iam.send(new ListMFADevicesCommand({ UserName: user }));
    return { user, exists: true, devices: out.MFADevices?.length ?? 0 };
  },
  satisfied: (s) => s.exists && s.devices > 0,
  blocked(s, _inputs, env) {
    if (!s.user) return { reason: 'needs --admin-user NAME' };
    if (!env.interactive) {
      return {
        reason:
          'needs a terminal: scan a QR code and type two codes. Run `rampart harden --apply` in a terminal to add MFA',
      };
    }
    return undefined;
  },
  describe(s) {
    const name = s.user ?? '(--admin-user)';
    return {
      before: [
        s.exists ? `${name} has no MFA device.` : `${name} does not exist yet (created by the step before).`,
      ],
      after: [
        `Create a virtual MFA device for ${name}, show its QR code here and save it as a PNG (mode 0600).`,
        'Scan it with an authenticator app and type two consecutive codes; Rampart then enables the device.',
      ],
    };
  },
  async apply(ctx, s) {
    const user = s.user;
    if (!user) throw new Error('needs --admin-user NAME');
    const iam = ctx.pool.client(IAMClient);
    // A device created by an interrupted run but never enabled cannot be reused (its seed is gone): replace it.
    const enabled = new Set(
      ctx.prior.filter((c) => c.kind === 'mfa-enabled').map((c) => str(c.serialNumber)),
    );
    for (const old of ctx.prior.filter((c) => c.kind === 'mfa-device-created')) {
      if (!enabled.has(str(old.serialNumber))) {
        await ignoreNotFound(() =>
          iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: str(old.serialNumber) })),
        );
      }
    }
    const created = await iam.send(
      new CreateVirtualMFADeviceCommand({
        VirtualMFADeviceName: user,
        Tags: [{ Key: 'created-by', Value: 'rampart' }],
      }),
    );
    const serial = created.VirtualMFADevice?.SerialNumber ?? '';
    await ctx.record({ kind: 'mfa-device-created', userName: user, serialNumber: serial });
    const seed = Buffer.from(created.VirtualMFADevice?.Base32StringSeed ?? new Uint8Array()).toString(
      'ascii',
    );
    const uri = otpauthUri(seed, user, ctx.inputs.alias ?? ctx.accountId);
    ctx.say(await QRCode.toString(uri, { type: 'terminal', small: true }));
    const png = await QRCode.toBuffer(uri, { type: 'png' });
    const file = await ctx.writeSecretFile(`rampart-${ctx.accountId}-${user}-mfa.png`, png);
    ctx.say(
      `Scan this QR code with your authenticator app (also saved to ${file}, mode 0600; delete it after).`,
    );
    const validate = (v: string): string | undefined => (CODE.test(v.trim()) ? undefined : 'six digits');
    const code1 = (await ctx.prompter.text('First code from the app', validate)).trim();
    const code2 = (await ctx.prompter.text('The next code (wait for it to change)', validate)).trim();
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: user,
        SerialNumber: serial,
        AuthenticationCode1: code1,
        AuthenticationCode2: code2,
      }),
    );
    await ctx.record({ kind: 'mfa-enabled', userName: user, serialNumber: serial });
  },
  async undo(ctx, change) {
    const iam = ctx.pool.client(IAMClient);
    const serial = str(change.serialNumber);
    if (change.kind === 'mfa-enabled') {
      await ignoreNotFound(() =>
        iam.send(new DeactivateMFADeviceCommand({ UserName: str(change.userName), SerialNumber: serial })),
      );
    } else if (change.kind === 'mfa-device-created') {
      await ignoreNotFound(() => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })));
    } else {
      throw new Error(`unknown change ${change.kind}`);
    }
  },
});
