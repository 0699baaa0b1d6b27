import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './iam-expired-server-certificates.js';

const cert = (name: string, Expiration: string) => ({
  ServerCertificateName: name,
  Arn: `arn:aws:iam::123456789012:server-certificate/${name}`,
  Expiration,
});

describe('iam-expired-server-certificates', () => {
  it('fails expired certificates and passes valid ones', () => {
    const findings = runOne(
      check,
      snapshot()
        .slice('serverCertificates', {
          status: 'ok',
          data: {
            ServerCertificateMetadataList: [
              cert('old', '2025-03-01T23:59:59Z'),
              cert('new', '2027-03-01T00:00:00Z'),
            ],
          },
        })
        .build(),
    );
    expect(findings.map((f) => f.status)).toEqual(['fail', 'pass']);
    expect(findings[0]?.message).toContain('expired on 2025-03-01T23:59:59Z');
  });

  it('passes when IAM stores no certificates; errors when the slice is missing', () => {
    const empty = snapshot().slice('serverCertificates', {
      status: 'ok',
      data: { ServerCertificateMetadataList: [] },
    });
    expect(runOne(check, empty.build())[0]?.status).toBe('pass');
    const denied = snapshot().denied('serverCertificates', 'iam:ListServerCertificates');
    expect(runOne(check, denied.build())[0]?.message).toContain('iam:ListServerCertificates');
  });
});
