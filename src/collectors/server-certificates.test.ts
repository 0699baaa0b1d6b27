import { IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { sliceDataSchemas } from '../snapshot/schema.js';
import { serverCertificatesCollector } from './server-certificates.js';
import { awsError, testContext } from './testing.js';

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());

const cert = (name: string, expiration: Date) => ({
  ServerCertificateName: name,
  ServerCertificateId: `ASCA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::123456789012:server-certificate/${name}`,
  Path: '/',
  UploadDate: new Date('2025-01-01T00:00:00Z'),
  Expiration: expiration,
});

describe('serverCertificates collector', () => {
  it('follows every page and keeps the metadata', async () => {
    iam
      .on(ListServerCertificatesCommand)
      .resolvesOnce({
        ServerCertificateMetadataList: [cert('old', new Date('2026-01-01T00:00:00Z'))],
        IsTruncated: true,
        Marker: 'm1',
      })
      .resolvesOnce({ ServerCertificateMetadataList: [cert('new', new Date('2027-06-01T00:00:00Z'))] });
    const out = await serverCertificatesCollector.collect(testContext(), {});
    const parsed = sliceDataSchemas.serverCertificates.parse(JSON.parse(JSON.stringify(out)));
    expect(parsed.ServerCertificateMetadataList.map((c) => [c.ServerCertificateName, c.Expiration])).toEqual([
      ['old', '2026-01-01T00:00:00.000Z'],
      ['new', '2027-06-01T00:00:00.000Z'],
    ]);
    expect(iam.commandCalls(ListServerCertificatesCommand)[1]?.args[0].input.Marker).toBe('m1');
  });

  it('an account without certificates has an empty list', async () => {
    iam.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [] });
    expect(await serverCertificatesCollector.collect(testContext(), {})).toEqual({
      ServerCertificateMetadataList: [],
    });
  });

  it('access denied is thrown for the orchestrator to record', async () => {
    iam.on(ListServerCertificatesCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    await expect(serverCertificatesCollector.collect(testContext(), {})).rejects.toThrow('not authorized');
  });
});
