import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import QRCode from 'qrcode';
import { DEFAULT_ADMIN_GROUP } from '../../config/harden.js';
import { shellWord, StepPending } from '../errors.js';
import { consecutiveCodes } from '../totp.js';
import { defineAction, type ActionContext } from '../types.js';
import { ignoreNotFound, isNotFound, str, userExists } from './util.js';

interface State {
  user: string | null;
  exists: boolean;
  devices: number;
  /** A virtual MFA device named for the user that is not enabled yet (a pending earlier run), or null. */
  pending: string | null;
}

const CODE = /^\d{6}$/;

/** The otpauth URI authenticator apps read from the QR code. Holds the seed: only ever written to 0600 files. */
export function otpauthUri(seed: string, user: string, account: string): string {
  const label = encodeURIComponent(`Amazon Web Services:${user}@${account}`);
  return `otpauth://totp/${label}?secret=${seed}&issuer=${encodeURIComponent('Amazon Web Services')}`;
}

export const seedFileName = (accountId: string, user: string): string =>
  `rampart-${accountId}-${user}-mfa-seed.txt`;
export const qrFileName = (accountId: string, user: string): string => `rampart-${accountId}-${user}-mfa.png`;

/** The seed file: what an authenticator app needs, and the serial Rampart enables later. */
export function seedFileText(args: {
  user: string;
  accountId: string;
  serial: string;
  uri: string;
  seed: string;
}) {
  return [
    `# Rampart: virtual MFA device for IAM user ${args.user} in account ${args.accountId}. Anyone holding this file`,
    '# can generate the MFA codes: add it to your authenticator app (scan the PNG, or type the seed), enable it,',
    '# then delete this file and the PNG.',
    `serial: ${args.serial}`,
    `otpauth: ${args.uri}`,
    `seed: ${args.seed}`,
    '',
  ].join('\n');
}

export function parseSeedFile(text: string | undefined): { serial: string; seed: string } | undefined {
  const serial = /^serial: (\S+)$/m.exec(text ?? '')?.[1];
  const seed = /^seed: ([A-Z2-7]+=*)$/m.exec(text ?? '')?.[1];
  return serial && seed ? { serial, seed } : undefined;
}

/** `rampart harden …` that finishes the step: the same AWS flags and config, this user, two codes. */
export function finishCommand(ctx: Pick<ActionContext, 'rerun' | 'inputs'>, user: string): string {
  const words = ['--admin-user', user];
  if (ctx.inputs.adminGroup !== DEFAULT_ADMIN_GROUP) words.push('--admin-group', ctx.inputs.adminGroup);
  if (ctx.inputs.secretsDir !== '.') words.push('--secrets-dir', ctx.inputs.secretsDir);
  return `${ctx.rerun} ${words.map(shellWord).join(' ')} --mfa-codes CODE1,CODE2`;
}

async function findPending(iam: IAMClient, user: string): Promise<string | null> {
  let marker: string | undefined;
  do {
    const out = await iam.send(
      new ListVirtualMFADevicesCommand({
        AssignmentStatus: 'Unassigned',
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    const hit = (out.VirtualMFADevices ?? []).find(
      (d) => !d.User && d.SerialNumber?.endsWith(`:mfa/${user}`) === true,
    );
    if (hit?.SerialNumber) return hit.SerialNumber;
    marker = out.IsTruncated ? out.Marker : undefined;
  } while (marker);
  return null;
}

export default defineAction<State>({
  id: 'iam-enable-user-mfa',
  title: 'MFA (a virtual authenticator app) on your new IAM user',
  fixes: ['iam-users-mfa', 'iam-console-users-mfa'],
  after: ['iam-create-admin-user'],
  changeKinds: ['mfa-device-created', 'mfa-enabled'],
  permissions: [
    'iam:GetUser',
    'iam:ListMFADevices',
    'iam:ListVirtualMFADevices',
    'iam:CreateVirtualMFADevice',
    // The device is created tagged (created-by: rampart): tagging on create is authorized separately.
    'iam:TagMFADevice',
    'iam:EnableMFADevice',
    'iam:DeactivateMFADevice',
    'iam:DeleteVirtualMFADevice',
  ],
  cost: 'Free.',
  userImpact: 'The admin user signs in with a code from the authenticator app from now on.',
  async read(ctx) {
    const user = ctx.inputs.adminUser ?? null;
    const none = { user, exists: false, devices: 0, pending: null };
    if (!user) return none;
    if (!(await userExists(ctx, user))) return none;
    const iam = ctx.pool.client(IAMClient);
    const out = await iam.send(new ListMFADevicesCommand({ UserName: user }));
    const devices = out.MFADevices?.length ?? 0;
    return { user, exists: true, devices, pending: devices > 0 ? null : await findPending(iam, user) };
  },
  satisfied: (s) => s.exists && s.devices > 0,
  blocked: (s) => (s.user ? undefined : { reason: 'needs --admin-user NAME' }),
  describe(s) {
    const name = s.user ?? '(--admin-user)';
    if (s.pending) {
      return {
        before: [`${name} has an MFA device waiting to be enabled (${s.pending}).`],
        after: [
          `Enable it with two consecutive codes from the app: typed at the prompt, or --mfa-codes CODE1,CODE2 without a terminal.`,
        ],
      };
    }
    return {
      before: [
        s.exists ? `${name} has no MFA device.` : `${name} does not exist yet (created by the step before).`,
      ],
      after: [
        `Create a virtual MFA device for ${name}; save its QR code (PNG) and seed (otpauth URI) to files only you can read (mode 0600).`,
        'In a terminal: show the QR code, read two consecutive codes and enable the device. Without one, the step ' +
          'stays pending until you run harden again with --mfa-codes CODE1,CODE2 (the exact command is printed).',
      ],
    };
  },
  async apply(ctx, s) {
    const user = s.user;
    if (!user) throw new Error('needs --admin-user NAME');
    const iam = ctx.pool.client(IAMClient);
    const seedName = seedFileName(ctx.accountId, user);
    let serial = s.pending;
    let seed: string | undefined;
    if (serial) {
      const saved = parseSeedFile(await ctx.readSecretFile(seedName));
      if (saved?.serial === serial) seed = saved.seed;
      else if (ctx.prior.some((c) => c.kind === 'mfa-device-created' && str(c.serialNumber) === serial)) {
        // This journal created it (an interrupted run) but its seed is lost: it can never be enabled. Replace it.
        await ignoreNotFound(() =>
          iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial ?? '' })),
        );
        serial = null;
      } else {
        throw new Error(
          `MFA device ${serial} for ${user} is not enabled and its seed file ${seedName} is not in the secrets directory: ` +
            `enable it from the app that holds its seed, or delete it (aws iam delete-virtual-mfa-device --serial-number ${serial}) and run again`,
        );
      }
    }
    let created = false;
    if (!serial) {
      // The seed is shown once, at creation: make sure its file can be written before the device exists.
      await ctx.prepareSecretsDir();
      const out = await iam.send(
        new CreateVirtualMFADeviceCommand({
          VirtualMFADeviceName: user,
          Tags: [{ Key: 'created-by', Value: 'rampart' }],
        }),
      );
      serial = out.VirtualMFADevice?.SerialNumber ?? '';
      await ctx.record({ kind: 'mfa-device-created', userName: user, serialNumber: serial });
      seed = Buffer.from(out.VirtualMFADevice?.Base32StringSeed ?? new Uint8Array()).toString('ascii');
      created = true;
    }
    if (!seed) throw new Error(`no seed for the MFA device ${serial}`);
    const uri = otpauthUri(seed, user, ctx.inputs.alias ?? ctx.accountId);
    // Written on every run that has the seed, so the files exist whichever way the step ends.
    const seedFile = await ctx.writeSecretFile(
      seedName,
      seedFileText({ user, accountId: ctx.accountId, serial, uri, seed }),
    );
    const png = await ctx.writeSecretFile(
      qrFileName(ctx.accountId, user),
      await QRCode.toBuffer(uri, { type: 'png' }),
    );
    if (created) {
      ctx.tell(
        `MFA device ${serial} created for ${user}. QR code: ${png}; seed and otpauth URI: ${seedFile} (both mode 0600; delete them once the app works).`,
      );
    }

    let codes = ctx.mfaCodes;
    if (codes && created) {
      throw new StepPending(
        `--mfa-codes was ignored: the device was only created now, so no app could show its codes yet. Add it to your app (${png}), then run: ${finishCommand(ctx, user)}`,
        true,
      );
    }
    if (!codes) {
      if (!ctx.prompter.interactive) {
        throw new StepPending(
          `MFA for ${user} is pending: the device exists but is not enabled, so iam-console-users-mfa keeps failing. ` +
            `Add it to an authenticator app (QR code ${png}, or the seed in ${seedFile}), then run: ${finishCommand(ctx, user)}`,
          created,
        );
      }
      // The terminal QR code encodes the seed: shown only to a person at a terminal, never in non-interactive logs.
      ctx.say(await QRCode.toString(uri, { type: 'terminal', small: true }));
      ctx.say(`Scan this QR code with your authenticator app (also saved to ${png}).`);
      const validate = (v: string): string | undefined => (CODE.test(v.trim()) ? undefined : 'six digits');
      const code1 = (await ctx.prompter.text('First code from the app', validate)).trim();
      const code2 = (await ctx.prompter.text('The next code (wait for it to change)', validate)).trim();
      codes = [code1, code2];
    }
    if (!consecutiveCodes(seed, codes[0], codes[1], new Date())) {
      throw new Error(
        `the codes ${codes[0]},${codes[1]} are not two consecutive current codes of the device ${serial} (its seed is in ${seedFile}); ` +
          `wait for a fresh code, then type it and the next one`,
      );
    }
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: user,
        SerialNumber: serial,
        AuthenticationCode1: codes[0],
        AuthenticationCode2: codes[1],
      }),
    );
    await ctx.record({ kind: 'mfa-enabled', userName: user, serialNumber: serial });
    ctx.say(`MFA enabled for ${user}. Delete ${seedFile} and ${png} once the app shows codes.`);
  },
  async undo(ctx, change) {
    const iam = ctx.pool.client(IAMClient);
    const serial = str(change.serialNumber);
    if (change.kind === 'mfa-enabled') {
      await ignoreNotFound(() =>
        iam.send(new DeactivateMFADeviceCommand({ UserName: str(change.userName), SerialNumber: serial })),
      );
    } else if (change.kind === 'mfa-device-created') {
      // The device may have been enabled by a later run (another journal): a device in use cannot be deleted.
      const assigned = await iam
        .send(new ListMFADevicesCommand({ UserName: str(change.userName) }))
        .then((out) => (out.MFADevices ?? []).some((d) => d.SerialNumber === serial))
        .catch((err: unknown) => {
          if (isNotFound(err)) return false;
          throw err;
        });
      if (assigned) {
        await iam.send(
          new DeactivateMFADeviceCommand({ UserName: str(change.userName), SerialNumber: serial }),
        );
      }
      await ignoreNotFound(() => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })));
    } else {
      throw new Error(`unknown change ${change.kind}`);
    }
    return undefined;
  },
});
