import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './account-contact-details.js';

const FULL = {
  FullName: 'Acme Corp',
  CompanyName: 'Acme Corp',
  AddressLine1: '100 Example Avenue',
  City: 'Seattle',
  CountryCode: 'US',
  PostalCode: '98101',
  PhoneNumber: '+12065550140',
};
const account = (info: Record<string, string> | null) =>
  snapshot()
    .slice('contactInformation', { status: 'ok', data: { ContactInformation: info } })
    .build();
const attest = (date: string, expires?: string) => ({
  attestations: [
    {
      checkId: 'account-contact-details',
      by: 'jane@example.com',
      date,
      note: 'reviewed',
      ...(expires ? { expires } : {}),
    },
  ],
});

describe('account-contact-details', () => {
  it('fails (medium) when no contact information is recorded', () => {
    const [f] = runOne(check, account(null));
    expect(f?.status).toBe('fail');
    expect(f?.severity).toBe('medium');
    expect(f?.message).toContain('nobody to call');
  });

  it('fails naming what is missing (an empty phone number counts as missing)', () => {
    const [f] = runOne(check, account({ ...FULL, PhoneNumber: ' ', AddressLine1: '' }));
    expect(f?.status).toBe('fail');
    expect(f?.severity).toBe('low');
    expect(f?.message).toBe('The account contact information lacks a phone number, an address.');
  });

  it('asks a person to confirm complete details, showing them (manual)', () => {
    const [f] = runOne(check, account(FULL));
    expect(f?.status).toBe('manual');
    expect(f?.message).toContain('Contact Acme Corp · Acme Corp · +12065550140 · Seattle, US.');
    expect(f?.message).toContain('phone reaches more than one person');
  });

  it('passes with a valid attestation; an expired one is named', () => {
    const [ok] = runOne(check, account(FULL), attest('2026-01-10', '2099-01-01'));
    expect(ok?.status).toBe('pass');
    expect(ok?.message).toContain('confirmed by jane@example.com on 2026-01-10 (until 2099-01-01): reviewed');
    const [old] = runOne(check, account(FULL), attest('2024-01-10', '2025-01-10'));
    expect(old?.status).toBe('manual');
    expect(old?.message).toContain('(the one by jane@example.com expired on 2025-01-10)');
    // An attestation dated in the future does not count.
    const [future] = runOne(check, account(FULL), attest('2099-01-01'));
    expect(future?.status).toBe('manual');
  });

  it('is an error, not a pass, when the contact information could not be read', () => {
    const snap = snapshot().denied('contactInformation', 'account:GetContactInformation').build();
    const [f] = runOne(check, snap);
    expect(f?.status).toBe('error');
    expect(f?.message).toContain('account:GetContactInformation');
  });
});
