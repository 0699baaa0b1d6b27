import {
  AccountClient,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account';
import { defineAction } from '../types.js';
import { orDefault, ignoreNotFound, isNotFound, str } from './util.js';

interface Contact {
  EmailAddress: string;
  Name: string;
  PhoneNumber: string;
  Title: string;
}
interface State {
  security: Contact | null;
  email: string | null;
}

export default defineAction<State>({
  id: 'account-set-security-contact',
  title: 'The security alternate contact is the security distribution list',
  fixes: ['security-contact-registered'],
  changeKinds: ['contact-set'],
  permissions: [
    'account:GetAlternateContact',
    'account:PutAlternateContact',
    'account:DeleteAlternateContact',
  ],
  cost: 'Free.',
  userImpact: 'AWS sends security notices to the list as well as to the root email.',
  async read(ctx) {
    const email = ctx.inputs.securityEmail ?? null;
    try {
      const out = await ctx.pool
        .client(AccountClient)
        .send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
      const c = out.AlternateContact;
      return {
        email,
        security: c
          ? {
              EmailAddress: c.EmailAddress ?? '',
              Name: c.Name ?? '',
              PhoneNumber: c.PhoneNumber ?? '',
              Title: c.Title ?? '',
            }
          : null,
      };
    } catch (err) {
      if (isNotFound(err)) return { security: null, email };
      throw err;
    }
  },
  satisfied: (s) =>
    s.security !== null &&
    (s.email === null || s.security.EmailAddress.toLowerCase() === s.email.toLowerCase()),
  blocked(s, inputs) {
    if (!s.email) return { reason: 'needs --security-email ADDR' };
    if (!inputs.securityPhone && !s.security?.PhoneNumber) {
      return { reason: 'needs --security-phone NUMBER (AWS requires a phone number for the contact)' };
    }
    return undefined;
  },
  describe(s) {
    return {
      before: [
        s.security ? `Security contact: ${s.security.EmailAddress}.` : 'No security alternate contact.',
      ],
      after: [`Set the security alternate contact to ${s.email ?? '(--security-email)'}.`],
    };
  },
  async apply(ctx, s) {
    const email = s.email;
    if (!email) throw new Error('needs --security-email ADDR');
    await ctx.pool.client(AccountClient).send(
      new PutAlternateContactCommand({
        AlternateContactType: 'SECURITY',
        EmailAddress: email,
        Name: orDefault(s.security?.Name, 'Security team'),
        Title: orDefault(s.security?.Title, 'Security'),
        PhoneNumber: ctx.inputs.securityPhone ?? s.security?.PhoneNumber ?? '',
      }),
    );
    await ctx.record({ kind: 'contact-set', previous: s.security });
  },
  async undo(ctx, change) {
    if (change.kind !== 'contact-set') throw new Error(`unknown change ${change.kind}`);
    const account = ctx.pool.client(AccountClient);
    const p = change.previous as Record<string, unknown> | null;
    if (p === null || typeof p !== 'object') {
      await ignoreNotFound(() =>
        account.send(new DeleteAlternateContactCommand({ AlternateContactType: 'SECURITY' })),
      );
      return;
    }
    await account.send(
      new PutAlternateContactCommand({
        AlternateContactType: 'SECURITY',
        EmailAddress: str(p.EmailAddress),
        Name: str(p.Name),
        Title: str(p.Title),
        PhoneNumber: str(p.PhoneNumber),
      }),
    );
  },
});
