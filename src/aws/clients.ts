import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { credentialProvider } from './credentials.js';
import type { AwsSettings } from './settings.js';

/** Service prefix for IAM actions and the apiCalls counter, keyed by client class name. */
const SERVICE_OF: Record<string, string> = {
  IAMClient: 'iam',
  STSClient: 'sts',
  OrganizationsClient: 'organizations',
  AccountClient: 'account',
  S3Client: 's3',
  CloudTrailClient: 'cloudtrail',
  CostAndUsageReportServiceClient: 'cur',
  CloudWatchClient: 'cloudwatch',
  CloudWatchLogsClient: 'logs',
  SNSClient: 'sns',
  EventBridgeClient: 'events',
  AccessAnalyzerClient: 'access-analyzer',
  BudgetsClient: 'budgets',
  BCMDataExportsClient: 'bcm-data-exports',
};

/** IAM action names that differ from the API operation name. */
const ACTION_OVERRIDES: Record<string, string> = {
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:PutBucketEncryption': 's3:PutEncryptionConfiguration',
  's3:PutPublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:HeadBucket': 's3:ListBucket',
  'account:GetContactInformation': 'account:GetContactInformation',
  // Every Budgets read is authorized by one action.
  'budgets:DescribeBudgets': 'budgets:ViewBudget',
  'budgets:DescribeNotificationsForBudget': 'budgets:ViewBudget',
  'budgets:DescribeSubscribersForNotification': 'budgets:ViewBudget',
};

export function iamActionFor(service: string, commandName: string): string {
  const action = `${service}:${commandName.replace(/Command$/, '')}`;
  return ACTION_OVERRIDES[action] ?? action;
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      mw: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SDK client constructors take per-client config types
type ClientClass<C> = new (config: any) => C;

/**
 * One client per service and region, shared by every collector so the adaptive retry limiter sees all calls.
 * Counts API calls per service (not per retry attempt) and tags errors with the IAM action that failed.
 */
export class ClientPool {
  readonly apiCalls: Record<string, number> = {};
  private readonly clients = new Map<string, unknown>();
  readonly credentials: AwsCredentialIdentityProvider;

  constructor(
    readonly settings: AwsSettings,
    credentials?: AwsCredentialIdentityProvider,
  ) {
    this.credentials = credentials ?? credentialProvider(settings.profile);
  }

  client<C extends object>(ctor: ClientClass<C>, region: string = this.settings.region): C {
    const service = SERVICE_OF[ctor.name];
    if (!service) throw new Error(`ClientPool: unknown client ${ctor.name}`);
    const key = `${service}@${region}`;
    const existing = this.clients.get(key);
    if (existing) return existing as C;
    const endpoint = service === 'cur' ? this.settings.curEndpointUrl : this.settings.endpointUrl;
    const client = new ctor({
      region,
      credentials: this.credentials,
      ...(endpoint ? { endpoint } : {}),
      // S3 against a local endpoint (moto) needs path-style addressing.
      ...(service === 's3' && endpoint ? { forcePathStyle: true } : {}),
      ...(process.env.AWS_RETRY_MODE ? {} : { retryMode: 'adaptive' }),
      ...(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 8 }),
    });
    (client as unknown as MiddlewareClient).middlewareStack.add(
      (next, context) => async (args) => {
        this.apiCalls[service] = (this.apiCalls[service] ?? 0) + 1;
        try {
          return await next(args);
        } catch (err) {
          if (typeof err === 'object' && err !== null && context.commandName) {
            (err as { rampartAction?: string }).rampartAction ??= iamActionFor(service, context.commandName);
          }
          throw err;
        }
      },
      { step: 'initialize', name: 'rampartAccounting' },
    );
    this.clients.set(key, client);
    return client;
  }

  totalCalls(): number {
    return Object.values(this.apiCalls).reduce((a, b) => a + b, 0);
  }
}
