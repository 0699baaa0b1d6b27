import { describe, expect, it } from 'vitest';
import { snapshot } from '../../snapshot/testing/builder.js';
import { runOne } from '../testing.js';
import check from './cloudtrail-bucket-admins-only.js';

const statement = (Principal: unknown, Action: string | string[] = 's3:GetObject') => ({
  Effect: 'Allow',
  Principal,
  Action,
  Resource: '*',
});
const run = (...extra: unknown[]) =>
  runOne(
    check,
    snapshot()
      .user('alice', { groups: ['Admins'] })
      .group('Admins', { attached: ['AdministratorAccess'] })
      .user('bob')
      .slice('trails', {
        status: 'ok',
        data: {
          Trails: [
            {
              Trail: { Name: 'main', TrailARN: 'arn:t', HomeRegion: 'us-east-1', S3BucketName: 'logs' },
              Status: null,
              Selectors: null,
              errors: [],
            },
          ],
        },
      })
      .slice('trailBuckets', {
        status: 'ok',
        data: {
          Buckets: [
            {
              Name: 'logs',
              Policy: {
                Statement: [statement({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject'), ...extra],
              },
              PublicAccessBlock: null,
              Encryption: null,
              Logging: null,
              errors: [],
            },
          ],
        },
      })
      .build(),
  );

describe('cloudtrail-bucket-admins-only', () => {
  it('passes CloudTrail, the account root and administrators (through a group)', () => {
    const [f] = run(
      statement({ AWS: 'arn:aws:iam::123456789012:root' }),
      statement({ AWS: ['arn:aws:iam::123456789012:user/alice'] }),
    );
    expect(f?.status).toBe('pass');
  });

  it('lists everyone else with what they are granted', () => {
    const [f] = run(
      statement({ AWS: 'arn:aws:iam::123456789012:user/bob' }, 's3:*'),
      statement({ AWS: 'arn:aws:iam::999988887777:root' }, ['s3:GetObject', 's3:ListBucket']),
      statement('*'),
    );
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('AWS arn:aws:iam::123456789012:user/bob: s3:*');
    expect(f?.message).toContain('AWS arn:aws:iam::999988887777:root: s3:GetObject, s3:ListBucket');
    expect(f?.message).toContain('everyone (*): s3:GetObject');
  });
});
