import cloudtrailBucketAccessLogging from './cloudtrail-bucket-access-logging.js';
import cloudtrailBucketAdminsOnly from './cloudtrail-bucket-admins-only.js';
import cloudtrailBucketNotPublic from './cloudtrail-bucket-not-public.js';
import cloudtrailCloudwatchLogs from './cloudtrail-cloudwatch-logs.js';
import cloudtrailKmsEncryption from './cloudtrail-kms-encryption.js';
import cloudtrailLogFileValidation from './cloudtrail-log-file-validation.js';
import cloudtrailMultiRegionEnabled from './cloudtrail-multi-region-enabled.js';
import type { Check } from '../types.js';

export const cloudtrailChecks = [
  cloudtrailMultiRegionEnabled,
  cloudtrailLogFileValidation,
  cloudtrailBucketNotPublic,
  cloudtrailBucketAdminsOnly,
  cloudtrailBucketAccessLogging,
  cloudtrailKmsEncryption,
  cloudtrailCloudwatchLogs,
] as Check[];
