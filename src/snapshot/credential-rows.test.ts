import { describe, expect, it } from 'vitest';
import { credentialRowsByArn } from './credential-rows.js';
import type { CredentialReportRow } from './aws-shapes.js';

const row = (arn: string, mfa: string) => ({ arn, mfa_active: mfa }) as unknown as CredentialReportRow;

describe('credentialRowsByArn', () => {
  it('finds each ARN in one lookup; of two rows for one ARN the first wins, as a scan from the top', () => {
    const rows = [row('arn:a', 'false'), row('arn:b', 'true'), row('arn:a', 'true')];
    const byArn = credentialRowsByArn(rows);
    expect(byArn.size).toBe(2);
    expect(byArn.get('arn:a')?.mfa_active).toBe('false');
    expect(byArn.get('arn:b')?.mfa_active).toBe('true');
    expect(credentialRowsByArn(undefined).size).toBe(0);
  });
});
