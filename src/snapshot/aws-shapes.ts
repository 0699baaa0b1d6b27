import { z } from 'zod';
import { errorKindSchema } from './slice.js';

// Raw AWS API shapes as the AWS CLI prints them (JSON, ISO dates, policy documents decoded to objects).
// Objects are loose: unknown fields are kept, so a snapshot is the API's answer, not our reading of it.
// Fields that could carry secrets are never modelled and are stripped where a shape is strict.

const isoDate = z.string();
export const policyDocumentSchema = z.unknown();

export const callerIdentitySchema = z.looseObject({
  Account: z.string(),
  Arn: z.string(),
  UserId: z.string(),
});

export const accountSummarySchema = z.looseObject({
  SummaryMap: z.record(z.string(), z.number()),
});

/**
 * The credential report's yes/no columns and the values AWS writes in them, case aside (a spreadsheet may write
 * TRUE; the root user's password_enabled is not_supported). The checks read anything but `true` as false, so
 * another value (`yes`) would pass them unseen.
 */
export const CREDENTIAL_FLAG_VALUES = {
  password_enabled: ['true', 'false', 'not_supported'],
  mfa_active: ['true', 'false'],
  access_key_1_active: ['true', 'false'],
  access_key_2_active: ['true', 'false'],
  cert_1_active: ['true', 'false'],
  cert_2_active: ['true', 'false'],
} as const;

/**
 * The date columns hold an ISO 8601 date-time, or a word AWS writes when there is no date (N/A: never used or
 * no key; no_information: not used since IAM began tracking; not_supported: the root user's password columns).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 * The checks read anything else as "no date", so a date a spreadsheet rewrote (11/20/2026 17:03) would make
 * root-not-used and iam-unused-credentials pass unseen.
 */
export const CREDENTIAL_DATE_COLUMNS = [
  'user_creation_time',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'cert_1_last_rotated',
  'cert_2_last_rotated',
] as const;
const NO_DATE = ['n/a', 'no_information', 'not_supported'];
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
export const CREDENTIAL_DATE_EXPECTED =
  'expected an ISO 8601 date-time (2026-11-20T17:03:10+00:00), N/A, no_information or not_supported';
// The shape first: AWS's own dates pass on it alone; Date.parse then rejects a shaped but impossible one.
export const isCredentialDate = (value: string): boolean =>
  ISO_DATE_TIME.test(value) ? !Number.isNaN(Date.parse(value)) : NO_DATE.includes(value.toLowerCase());

export const flagExpected = (allowed: readonly string[]): string =>
  `expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''}`;

/**
 * One credential-report row; columns as AWS names them. Values stay strings ("true", "N/A", "no_information", ISO
 * dates); their values are checked after the schema (credentialRowProblem), in a plain pass: a zod refinement on
 * each of 16 columns would take the fast path off every row of a large report.
 */
export const credentialReportRowSchema = z.looseObject({
  user: z.string(),
  arn: z.string(),
  user_creation_time: z.string(),
  password_enabled: z.string(),
  password_last_used: z.string(),
  password_last_changed: z.string(),
  password_next_rotation: z.string(),
  mfa_active: z.string(),
  access_key_1_active: z.string(),
  access_key_1_last_rotated: z.string(),
  access_key_1_last_used_date: z.string(),
  access_key_1_last_used_region: z.string(),
  access_key_1_last_used_service: z.string(),
  access_key_2_active: z.string(),
  access_key_2_last_rotated: z.string(),
  access_key_2_last_used_date: z.string(),
  access_key_2_last_used_region: z.string(),
  access_key_2_last_used_service: z.string(),
  cert_1_active: z.string(),
  cert_1_last_rotated: z.string(),
  cert_2_active: z.string(),
  cert_2_last_rotated: z.string(),
});
export type CredentialReportRow = z.infer<typeof credentialReportRowSchema>;

export const credentialReportSchema = z.object({
  GeneratedTime: isoDate,
  rows: z.array(credentialReportRowSchema),
});

const attachedPolicySchema = z.looseObject({ PolicyName: z.string(), PolicyArn: z.string() });
const inlinePolicySchema = z.looseObject({ PolicyName: z.string(), PolicyDocument: policyDocumentSchema });
const boundarySchema = z.looseObject({
  PermissionsBoundaryType: z.string().optional(),
  PermissionsBoundaryArn: z.string(),
});
const tagSchema = z.looseObject({ Key: z.string(), Value: z.string() });

export const userDetailSchema = z.looseObject({
  UserName: z.string(),
  UserId: z.string(),
  Arn: z.string(),
  Path: z.string().optional(),
  CreateDate: isoDate.optional(),
  UserPolicyList: z.array(inlinePolicySchema).optional(),
  GroupList: z.array(z.string()).optional(),
  AttachedManagedPolicies: z.array(attachedPolicySchema).optional(),
  PermissionsBoundary: boundarySchema.optional(),
  Tags: z.array(tagSchema).optional(),
});
export const groupDetailSchema = z.looseObject({
  GroupName: z.string(),
  GroupId: z.string(),
  Arn: z.string(),
  Path: z.string().optional(),
  GroupPolicyList: z.array(inlinePolicySchema).optional(),
  AttachedManagedPolicies: z.array(attachedPolicySchema).optional(),
});
export const roleDetailSchema = z.looseObject({
  RoleName: z.string(),
  RoleId: z.string(),
  Arn: z.string(),
  Path: z.string().optional(),
  AssumeRolePolicyDocument: policyDocumentSchema.optional(),
  RolePolicyList: z.array(inlinePolicySchema).optional(),
  AttachedManagedPolicies: z.array(attachedPolicySchema).optional(),
  PermissionsBoundary: boundarySchema.optional(),
  Tags: z.array(tagSchema).optional(),
  RoleLastUsed: z.looseObject({ LastUsedDate: isoDate.optional(), Region: z.string().optional() }).optional(),
  /** EC2 can run a role only through an instance profile. */
  InstanceProfileList: z.array(z.looseObject({ InstanceProfileName: z.string().optional() })).optional(),
});
export const managedPolicyDetailSchema = z.looseObject({
  PolicyName: z.string(),
  PolicyId: z.string().optional(),
  Arn: z.string(),
  Path: z.string().optional(),
  DefaultVersionId: z.string().optional(),
  AttachmentCount: z.number().optional(),
  IsAttachable: z.boolean().optional(),
  PolicyVersionList: z.array(
    z.looseObject({
      Document: policyDocumentSchema,
      VersionId: z.string(),
      IsDefaultVersion: z.boolean(),
      CreateDate: isoDate.optional(),
    }),
  ),
});

export const authorizationDetailsSchema = z.object({
  UserDetailList: z.array(userDetailSchema),
  GroupDetailList: z.array(groupDetailSchema),
  RoleDetailList: z.array(roleDetailSchema),
  Policies: z.array(managedPolicyDetailSchema),
});
export type AuthorizationDetails = z.infer<typeof authorizationDetailsSchema>;
export type UserDetail = z.infer<typeof userDetailSchema>;
export type GroupDetail = z.infer<typeof groupDetailSchema>;
export type RoleDetail = z.infer<typeof roleDetailSchema>;
export type ManagedPolicyDetail = z.infer<typeof managedPolicyDetailSchema>;

export const passwordPolicySchema = z.object({
  /** null: the account has no password policy (NoSuchEntity is data, not an error). */
  PasswordPolicy: z
    .looseObject({
      MinimumPasswordLength: z.number().optional(),
      RequireSymbols: z.boolean().optional(),
      RequireNumbers: z.boolean().optional(),
      RequireUppercaseCharacters: z.boolean().optional(),
      RequireLowercaseCharacters: z.boolean().optional(),
      AllowUsersToChangePassword: z.boolean().optional(),
      ExpirePasswords: z.boolean().optional(),
      MaxPasswordAge: z.number().optional(),
      PasswordReusePrevention: z.number().optional(),
      HardExpiry: z.boolean().optional(),
    })
    .nullable(),
});
export type PasswordPolicy = NonNullable<z.infer<typeof passwordPolicySchema>['PasswordPolicy']>;

export const accountAliasesSchema = z.object({ AccountAliases: z.array(z.string()) });

// Strict on purpose: Base32StringSeed and QRCodePNG (the MFA secret) are dropped if they ever appear.
export const virtualMfaDevicesSchema = z.object({
  VirtualMFADevices: z.array(
    z.object({
      SerialNumber: z.string(),
      EnableDate: isoDate.optional(),
      User: z
        .object({
          UserName: z.string().optional(),
          UserId: z.string().optional(),
          Arn: z.string(),
        })
        .optional(),
    }),
  ),
});

export const trailSchema = z.looseObject({
  Name: z.string(),
  TrailARN: z.string(),
  HomeRegion: z.string(),
  S3BucketName: z.string().optional(),
  IsMultiRegionTrail: z.boolean().optional(),
  IncludeGlobalServiceEvents: z.boolean().optional(),
  LogFileValidationEnabled: z.boolean().optional(),
  KmsKeyId: z.string().optional(),
  CloudWatchLogsLogGroupArn: z.string().optional(),
  IsOrganizationTrail: z.boolean().optional(),
});
export const eventSelectorsSchema = z.looseObject({
  EventSelectors: z
    .array(
      z.looseObject({
        ReadWriteType: z.string().optional(),
        IncludeManagementEvents: z.boolean().optional(),
      }),
    )
    .optional(),
  AdvancedEventSelectors: z
    .array(
      z.looseObject({
        Name: z.string().optional(),
        FieldSelectors: z.array(
          z.looseObject({
            Field: z.string(),
            Equals: z.array(z.string()).optional(),
            NotEquals: z.array(z.string()).optional(),
            StartsWith: z.array(z.string()).optional(),
            NotStartsWith: z.array(z.string()).optional(),
            EndsWith: z.array(z.string()).optional(),
            NotEndsWith: z.array(z.string()).optional(),
          }),
        ),
      }),
    )
    .optional(),
});
/** `kind` is absent in snapshots written before it was recorded. */
const partErrorSchema = z.object({
  part: z.string(),
  message: z.string(),
  action: z.string().optional(),
  kind: errorKindSchema.optional(),
});

/** A region that could not be read, in AWS's casing (as the accessAnalyzers slice spells it). */
const regionFailureSchema = z.object({
  Region: z.string(),
  Message: z.string(),
  Action: z.string().optional(),
  Kind: errorKindSchema.optional(),
});

export const trailsSchema = z.object({
  Trails: z.array(
    z.object({
      Trail: trailSchema,
      /** GetTrailStatus; null when it could not be read (see errors). */
      Status: z.looseObject({ IsLogging: z.boolean().optional() }).nullable(),
      /** GetEventSelectors; null when it could not be read (see errors). */
      Selectors: eventSelectorsSchema.nullable(),
      errors: z.array(partErrorSchema),
    }),
  ),
  /**
   * The regions whose trails were listed (DescribeTrails with shadow trails in each enabled region, account:ListRegions).
   * Absent in snapshots taken before Rampart listed every region and in AWS CLI exports: the trails one region lists,
   * which leave out a single-region trail homed in another region.
   */
  Regions: z.array(z.string()).optional(),
  /** Regions whose trails could not be listed: a single-region trail homed there is not judged (an error instead). */
  Unread: z.array(regionFailureSchema).optional(),
  /** account:ListRegions failed: only the session region's trails were listed (the checks report an error). */
  RegionListError: regionFailureSchema.omit({ Region: true }).optional(),
});
export type TrailRecord = z.infer<typeof trailsSchema>['Trails'][number];

export const trailBucketsSchema = z.object({
  Buckets: z.array(
    z.object({
      Name: z.string(),
      /** Bucket policy document (decoded); null when the bucket has none. */
      Policy: policyDocumentSchema.nullable(),
      PublicAccessBlock: z.looseObject({}).nullable(),
      Encryption: z.looseObject({}).nullable(),
      Logging: z.looseObject({ LoggingEnabled: z.looseObject({}).optional() }).nullable(),
      errors: z.array(partErrorSchema),
    }),
  ),
});
export type TrailBucket = z.infer<typeof trailBucketsSchema>['Buckets'][number];

export const costAndUsageReportsSchema = z.object({
  ReportDefinitions: z.array(
    z.looseObject({
      ReportName: z.string(),
      S3Bucket: z.string().optional(),
      S3Region: z.string().optional(),
    }),
  ),
});

const contactSchema = z.looseObject({
  AlternateContactType: z.string().optional(),
  EmailAddress: z.string().optional(),
  Name: z.string().optional(),
  PhoneNumber: z.string().optional(),
  Title: z.string().optional(),
});
export const alternateContactsSchema = z.object({
  SECURITY: contactSchema.nullable(),
  BILLING: contactSchema.nullable(),
  OPERATIONS: contactSchema.nullable(),
});

export const contactInformationSchema = z.object({
  ContactInformation: z.looseObject({ FullName: z.string().optional() }).nullable(),
});

export const organizationSchema = z.object({
  /** null: the account is not in an organization. */
  Organization: z
    .looseObject({ Id: z.string().optional(), MasterAccountId: z.string().optional() })
    .nullable(),
  /** DescribeAccount of this account (holds the root email); null when the caller may not read it. */
  Account: z.looseObject({ Id: z.string().optional(), Email: z.string().optional() }).nullable(),
});

/**
 * Organizations service control policies that limit this account, from the organization root down to the
 * account itself (readable by the management account or a delegated administrator).
 */
export const serviceControlPoliciesSchema = z.object({
  /** Why no SCP limits this account (no organization, the management account, SCPs disabled); else null. */
  NotApplicable: z.string().nullable(),
  /** The root first, then each organizational unit, then the account: the SCPs attached at each. */
  Levels: z.array(
    z.object({
      TargetId: z.string(),
      Type: z.string(),
      Policies: z.array(
        z.object({
          Id: z.string(),
          Name: z.string().optional(),
          AwsManaged: z.boolean().optional(),
          /** The policy document (JSON text, as DescribePolicy returns it). */
          Content: z.string(),
        }),
      ),
    }),
  ),
});

// --- billing: Data Exports and Budgets ---

export const dataExportsSchema = z.object({
  Exports: z.array(
    z.object({
      ExportArn: z.string(),
      ExportName: z.string().optional(),
      ExportStatus: z.looseObject({ StatusCode: z.string().optional() }).optional(),
      /** GetExport; null when it could not be read (see errors). */
      Export: z
        .looseObject({
          Name: z.string().optional(),
          DestinationConfigurations: z
            .looseObject({
              S3Destination: z
                .looseObject({
                  S3Bucket: z.string().optional(),
                  S3Prefix: z.string().optional(),
                  S3Region: z.string().optional(),
                })
                .optional(),
            })
            .optional(),
        })
        .nullable(),
      errors: z.array(partErrorSchema),
    }),
  ),
});

export const budgetsSchema = z.object({
  Budgets: z.array(
    z.object({
      Budget: z.looseObject({
        BudgetName: z.string(),
        BudgetType: z.string().optional(),
        TimeUnit: z.string().optional(),
        BudgetLimit: z.looseObject({ Amount: z.string().optional(), Unit: z.string().optional() }).optional(),
      }),
      /** DescribeNotificationsForBudget; null when it could not be read (see errors). */
      Notifications: z
        .array(
          z.object({
            Notification: z.looseObject({
              NotificationType: z.string().optional(),
              ComparisonOperator: z.string().optional(),
              Threshold: z.number().optional(),
              ThresholdType: z.string().optional(),
              NotificationState: z.string().optional(),
            }),
            /** DescribeSubscribersForNotification; null when it could not be read (see errors). */
            Subscribers: z
              .array(
                z.looseObject({ SubscriptionType: z.string().optional(), Address: z.string().optional() }),
              )
              .nullable(),
          }),
        )
        .nullable(),
      errors: z.array(partErrorSchema),
    }),
  ),
});

/** iam:ListServerCertificates (metadata only; certificate bodies and keys are never read). */
export const serverCertificatesSchema = z.object({
  ServerCertificateMetadataList: z.array(
    z.looseObject({
      ServerCertificateName: z.string(),
      ServerCertificateId: z.string().optional(),
      Arn: z.string(),
      Path: z.string().optional(),
      UploadDate: isoDate.optional(),
      Expiration: isoDate.optional(),
    }),
  ),
});
export type ServerCertificateMetadata = z.infer<
  typeof serverCertificatesSchema
>['ServerCertificateMetadataList'][number];

const analyzerSchema = z.looseObject({
  arn: z.string(),
  name: z.string(),
  /** ACCOUNT | ORGANIZATION (external access) or ACCOUNT_UNUSED_ACCESS | ORGANIZATION_UNUSED_ACCESS ... */
  type: z.string(),
  status: z.string(),
  createdAt: isoDate.optional(),
  statusReason: z.looseObject({ code: z.string().optional() }).optional(),
});

/** access-analyzer:ListAnalyzers in every enabled region of the account (account:ListRegions). */
export const accessAnalyzersSchema = z.object({
  Regions: z.array(z.object({ Region: z.string(), Analyzers: z.array(analyzerSchema) })),
  /** Enabled regions whose analyzers could not be listed (the check reports each as an error). */
  Unread: z
    .array(
      z.object({
        Region: z.string(),
        Message: z.string(),
        Action: z.string().optional(),
        Kind: errorKindSchema.optional(),
      }),
    )
    .default([]),
  /**
   * How the regions were chosen: every enabled region, or only the session region because the account's
   * regions could not be listed (`RegionListError` says why). Older snapshots read as session-region.
   */
  RegionSource: z.enum(['enabled-regions', 'session-region']).default('session-region'),
  RegionListError: z
    .object({ Message: z.string(), Action: z.string(), Kind: errorKindSchema.optional() })
    .optional(),
});
export type AccessAnalyzer = z.infer<typeof analyzerSchema>;
// --- root activity (CloudTrail event history) ---

export const rootActivitySchema = z.object({
  StartTime: isoDate,
  EndTime: isoDate,
  /** Regions whose event history was searched. */
  Regions: z.array(z.string()),
  /** LookupEvents Username values asked for ("root" and the account aliases). */
  Usernames: z.array(z.string()),
  Events: z.array(
    z.looseObject({
      EventId: z.string(),
      EventTime: isoDate,
      EventName: z.string(),
      EventSource: z.string().optional(),
      AwsRegion: z.string().optional(),
      EventType: z.string().optional(),
      SourceIPAddress: z.string().optional(),
      UserAgent: z.string().optional(),
      MFAUsed: z.string().optional(),
      ConsoleLoginResult: z.string().optional(),
      ErrorCode: z.string().optional(),
      InvokedBy: z.string().optional(),
    }),
  ),
  pages: z.number().int().nonnegative(),
  /** True when a query hit the page cap: older events may be missing. */
  truncated: z.boolean(),
  notes: z.array(z.string()),
});
export type RootActivityEvent = z.infer<typeof rootActivitySchema>['Events'][number];

// --- root-usage alerting: metric filters, alarms, EventBridge rules, SNS subscriptions ---

export const metricFiltersSchema = z.object({
  LogGroups: z.array(
    z.object({
      LogGroupArn: z.string(),
      LogGroupName: z.string(),
      Region: z.string(),
      /** Names of the trails delivering to this log group. */
      Trails: z.array(z.string()),
      /** The log group does not exist (ResourceNotFoundException): the trail delivers nowhere. */
      Missing: z.boolean().optional(),
      MetricFilters: z.array(
        z.looseObject({
          filterName: z.string().optional(),
          filterPattern: z.string().optional(),
          metricTransformations: z
            .array(
              z.looseObject({ metricName: z.string().optional(), metricNamespace: z.string().optional() }),
            )
            .optional(),
        }),
      ),
      errors: z.array(partErrorSchema),
    }),
  ),
});

export const metricAlarmsSchema = z.object({
  Metrics: z.array(
    z.object({
      Region: z.string(),
      Namespace: z.string(),
      MetricName: z.string(),
      MetricAlarms: z.array(
        z.looseObject({
          AlarmName: z.string().optional(),
          AlarmArn: z.string().optional(),
          ActionsEnabled: z.boolean().optional(),
          AlarmActions: z.array(z.string()).optional(),
          StateValue: z.string().optional(),
          ComparisonOperator: z.string().optional(),
          Threshold: z.number().optional(),
        }),
      ),
      errors: z.array(partErrorSchema),
    }),
  ),
});

export const eventRulesSchema = z.object({
  Regions: z.array(
    z.object({
      Region: z.string(),
      Rules: z.array(
        z.object({
          Rule: z.looseObject({
            Name: z.string().optional(),
            Arn: z.string().optional(),
            EventPattern: z.string().optional(),
            State: z.string().optional(),
            EventBusName: z.string().optional(),
          }),
          /** null when not read (the pattern cannot match root activity) or unreadable (see errors). */
          Targets: z.array(z.looseObject({ Id: z.string().optional(), Arn: z.string() })).nullable(),
          errors: z.array(partErrorSchema),
        }),
      ),
    }),
  ),
});

export const snsSubscriptionsSchema = z.object({
  Topics: z.array(
    z.object({
      TopicArn: z.string(),
      Subscriptions: z.array(
        z.looseObject({
          SubscriptionArn: z.string().optional(),
          Protocol: z.string().optional(),
          Endpoint: z.string().optional(),
        }),
      ),
      errors: z.array(partErrorSchema),
    }),
  ),
});
