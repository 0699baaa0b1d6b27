import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { classifyAwsError } from '../aws/errors.js';
import { defineCollector } from './types.js';
import { errorName, partError, withoutMetadata, type PartError } from './util.js';

/** GetBucketLocation's answer to a region: empty means us-east-1, 'EU' is the old name of eu-west-1. */
export function bucketRegion(constraint: string | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/**
 * The S3 buckets that trails deliver to: who may read the logs (policy, public access block),
 * encryption, and access logging. Each bucket is read in its own region (GetBucketLocation first; a
 * bucket in another region would answer every call with a redirect). Every part fails on its own and
 * lands in `errors[]` (a central log bucket in another account typically denies them all).
 * An absent policy / public access block / encryption is data (null), not an error.
 */
export const trailBucketsCollector = defineCollector({
  slice: 'trailBuckets',
  actions: [
    's3:GetBucketLocation',
    's3:GetBucketPolicy',
    's3:GetBucketPublicAccessBlock',
    's3:GetEncryptionConfiguration',
    's3:GetBucketLogging',
  ],
  dependsOn: ['trails'],
  async collect({ pool, region }, prior) {
    const names = [
      ...new Set(
        (prior.trails?.Trails ?? []).flatMap((t) => (t.Trail.S3BucketName ? [t.Trail.S3BucketName] : [])),
      ),
    ].sort();

    const Buckets = await Promise.all(
      names.map(async (Name) => {
        const errors: PartError[] = [];
        let noSuchBucket = false;
        /** Runs one part; not-found is the documented "none" answer, anything else is recorded. */
        async function part<T>(
          label: string,
          action: string,
          call: () => Promise<T>,
          absentIsNull = true,
        ): Promise<T | null> {
          try {
            return await call();
          } catch (err) {
            if (errorName(err) === 'NoSuchBucket') noSuchBucket = true;
            if (absentIsNull && classifyAwsError(err) === 'not-found' && errorName(err) !== 'NoSuchBucket') {
              return null;
            }
            errors.push(partError(label, err, action));
            return null;
          }
        }

        const location = await part(
          'GetBucketLocation',
          's3:GetBucketLocation',
          () => pool.client(S3Client, region).send(new GetBucketLocationCommand({ Bucket: Name })),
          false,
        );
        if (noSuchBucket) {
          // The trail delivers to a bucket that no longer exists: that one error says it all.
          return { Name, Policy: null, PublicAccessBlock: null, Encryption: null, Logging: null, errors };
        }
        // Without the location, try the session region: the parts then report their own errors.
        const s3 = pool.client(S3Client, location ? bucketRegion(location.LocationConstraint) : region);
        const [Policy, PublicAccessBlock, Encryption, Logging] = await Promise.all([
          part('GetBucketPolicy', 's3:GetBucketPolicy', async () => {
            const out = await s3.send(new GetBucketPolicyCommand({ Bucket: Name }));
            return out.Policy ? (JSON.parse(out.Policy) as unknown) : null;
          }),
          part('GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock', async () =>
            withoutMetadata(await s3.send(new GetPublicAccessBlockCommand({ Bucket: Name }))),
          ),
          part('GetBucketEncryption', 's3:GetEncryptionConfiguration', async () =>
            withoutMetadata(await s3.send(new GetBucketEncryptionCommand({ Bucket: Name }))),
          ),
          part('GetBucketLogging', 's3:GetBucketLogging', async () =>
            withoutMetadata(await s3.send(new GetBucketLoggingCommand({ Bucket: Name }))),
          ),
        ]);
        errors.sort((a, b) => a.part.localeCompare(b.part));
        return { Name, Policy, PublicAccessBlock, Encryption, Logging, errors };
      }),
    );
    return { Buckets };
  },
});
