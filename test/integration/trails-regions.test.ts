import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient, CreateTrailCommand, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanEnv } from '../e2e/run-cli.js';
import { FAKE_CREDENTIALS, MOTO_ACCOUNT_ID, motoEnv } from './accounts.js';
import { FAKE_ENABLED_REGIONS, startFakeBilling, type FakeBilling } from './fake-billing.js';
import { auditFindings, runCliAsync } from './harden-helpers.js';
import { describeWithMoto } from './setup.js';

const PER_TRAIL = [
  'cloudtrail-log-file-validation',
  'cloudtrail-kms-encryption',
  'cloudtrail-cloudwatch-logs',
  'cloudtrail-bucket-not-public',
];
const EU_ARN = `arn:aws:cloudtrail:eu-west-1:${MOTO_ACCOUNT_ID}:trail/eu-only`;

// A single-region trail homed in eu-west-1, audited from us-east-1. DescribeTrails in one region lists that region's
// trails and the shadows of multi-region and organization trails only (AWS CloudTrail API reference, DescribeTrails,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html), so the audit lists the trails
// of every enabled region. moto 5.2 lists per region as AWS does, but has no account:ListRegions: the fake in front of
// it (fake-billing.ts, reached through AWS_ENDPOINT_URL_ACCOUNT only) reports eu-west-1 and us-east-1 enabled.
describeWithMoto('trails of every enabled region (built CLI on moto)', (moto) => {
  let fake: FakeBilling;
  beforeAll(async () => {
    fake = await startFakeBilling(moto().endpoint);
  });
  afterAll(async () => {
    await fake.stop();
  });

  const seedEuTrail = async (): Promise<void> => {
    const cfg = { region: 'eu-west-1', endpoint: moto().endpoint, credentials: FAKE_CREDENTIALS };
    const s3 = new S3Client({ ...cfg, forcePathStyle: true });
    const ct = new CloudTrailClient(cfg);
    await s3.send(new CreateBucketCommand({ Bucket: 'eu-only-logs', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })); // prettier-ignore
    await ct.send(
      new CreateTrailCommand({ Name: 'eu-only', S3BucketName: 'eu-only-logs', IsMultiRegionTrail: false }),
    );
    s3.destroy();
    ct.destroy();
  };
  const listedIn = async (region: string): Promise<string[]> => {
    const ct = new CloudTrailClient({ region, endpoint: moto().endpoint, credentials: FAKE_CREDENTIALS });
    const out = await ct.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    ct.destroy();
    return (out.trailList ?? []).map((t) => t.TrailARN ?? '');
  };
  const audit = async (env: Record<string, string>) => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-trails-regions-'));
    return auditFindings((args) => runCliAsync(args, { env, cwd: dir }), PER_TRAIL);
  };

  it('moto lists a single-region trail in its home region only, as AWS does', async () => {
    await seedEuTrail();
    expect(await listedIn('eu-west-1')).toEqual([EU_ARN]);
    expect(await listedIn('us-east-1')).toEqual([]);
  });

  it('the audit from us-east-1 judges the eu-west-1 single-region trail in every per-trail check', async () => {
    await seedEuTrail();
    expect(FAKE_ENABLED_REGIONS).toContain('eu-west-1');
    const findings = await audit(
      cleanEnv({ ...motoEnv(moto().endpoint), AWS_ENDPOINT_URL_ACCOUNT: fake.endpoint }),
    );
    const byCheck = (id: string) => findings.filter((f) => f.checkId === id);
    expect(byCheck('cloudtrail-log-file-validation')).toEqual([
      expect.objectContaining({
        status: 'fail',
        resource: EU_ARN,
        message: 'Trail eu-only does not validate its log files.',
      }),
    ]);
    expect(byCheck('cloudtrail-kms-encryption')).toEqual([
      expect.objectContaining({ status: 'fail', resource: EU_ARN }),
    ]);
    expect(byCheck('cloudtrail-cloudwatch-logs')).toEqual([
      expect.objectContaining({ status: 'fail', resource: EU_ARN }),
    ]);
    // Its bucket (no policy, no public access block) is judged too.
    expect(byCheck('cloudtrail-bucket-not-public')).toEqual([
      expect.objectContaining({ status: 'fail', resource: 'arn:aws:s3:::eu-only-logs' }),
    ]);
  }, 60_000);

  it('without account:ListRegions (moto alone has none) the trail is not seen, and every per-trail check says so as an error', async () => {
    await seedEuTrail();
    const findings = await audit(cleanEnv(motoEnv(moto().endpoint)));
    for (const id of PER_TRAIL) {
      const mine = findings.filter((f) => f.checkId === id);
      expect(
        mine.some((f) => f.resource === EU_ARN),
        id,
      ).toBe(false);
      expect(mine.find((f) => f.status === 'error')?.message, id).toMatch(
        /^The account's enabled regions could not be listed: .*account:ListRegions.*; only the trails seen from us-east-1 are judged/,
      );
    }
  }, 60_000);
});
