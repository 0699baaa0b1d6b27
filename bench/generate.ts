// Seeded synthetic account: 10,000 users, 5,000 roles, 20,000 customer policies, 200 groups, plus a few
// large AWS-managed-style policies. Shapes follow `aws iam get-account-authorization-details`.
import type { AuthorizationDetails, CredentialReportRow } from '../src/snapshot/aws-shapes.js';
import { SLICE_NAMES, SNAPSHOT_SCHEMA_VERSION, type Slices, type Snapshot } from '../src/snapshot/schema.js';

export interface GenerateOptions {
  seed: number;
  users: number;
  roles: number;
  policies: number;
  groups: number;
}

export const FULL_SIZE: GenerateOptions = {
  seed: 42,
  users: 10_000,
  roles: 5_000,
  policies: 20_000,
  groups: 200,
};

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}

const ACCOUNT = '111122223333';
const SERVICES: Record<string, string[]> = {
  s3: [
    'GetObject',
    'PutObject',
    'DeleteObject',
    'ListBucket',
    'GetBucketPolicy',
    'PutBucketPolicy',
    'GetObjectTagging',
  ],
  ec2: [
    'DescribeInstances',
    'RunInstances',
    'TerminateInstances',
    'StartInstances',
    'StopInstances',
    'CreateTags',
    'DescribeVolumes',
  ],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem', 'DeleteTable', 'DescribeTable'],
  lambda: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode', 'CreateFunction', 'ListFunctions'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'],
  sns: ['Publish', 'Subscribe', 'ListTopics'],
  logs: ['CreateLogGroup', 'CreateLogStream', 'PutLogEvents', 'DescribeLogGroups'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey'],
  secretsmanager: ['GetSecretValue', 'DescribeSecret', 'ListSecrets'],
  cloudwatch: ['PutMetricData', 'GetMetricData', 'DescribeAlarms'],
  rds: ['DescribeDBInstances', 'CreateDBSnapshot', 'DeleteDBInstance'],
  ssm: ['GetParameter', 'GetParameters', 'PutParameter', 'SendCommand'],
  iam: ['GetUser', 'ListUsers', 'GetRole', 'ListRoles', 'PassRole', 'GetPolicy', 'ListPolicies'],
  sts: ['AssumeRole', 'GetCallerIdentity'],
};
const SERVICE_NAMES = Object.keys(SERVICES);
const TRUSTED_SERVICES = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'glue.amazonaws.com',
  'states.amazonaws.com',
];

function resourceFor(r: ReturnType<typeof rng>, svc: string, team: string): string {
  if (r.chance(svc === 'iam' || svc === 'sts' ? 0.1 : 0.35)) return '*';
  switch (svc) {
    case 's3':
      return `arn:aws:s3:::${team}-data-${r.int(50)}/*`;
    case 'dynamodb':
      return `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${team}-${r.int(100)}`;
    case 'lambda':
      return `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${team}-*`;
    case 'sqs':
      return `arn:aws:sqs:us-east-1:${ACCOUNT}:${team}-queue-${r.int(40)}`;
    case 'iam':
      return `arn:aws:iam::${ACCOUNT}:role/${team}-*`;
    case 'sts':
      return `arn:aws:iam::${ACCOUNT}:role/${team}-deploy-${r.int(30)}`;
    case 'kms':
      return `arn:aws:kms:us-east-1:${ACCOUNT}:key/${r.int(1e9).toString(16)}`;
    default:
      return `arn:aws:${svc}:us-east-1:${ACCOUNT}:${team}-*`;
  }
}

function statement(r: ReturnType<typeof rng>, team: string): Record<string, unknown> {
  const svc = r.pick(SERVICE_NAMES);
  const verbs = SERVICES[svc] ?? [];
  const n = 1 + r.int(5);
  const actions = new Set<string>();
  for (let i = 0; i < n; i++) {
    const wild = svc === 'iam' || svc === 'sts' ? ['Get*', 'List*'] : ['Get*', 'List*', 'Describe*', '*'];
    actions.add(r.chance(0.15) ? `${svc}:${r.pick(wild)}` : `${svc}:${r.pick(verbs)}`);
  }
  const st: Record<string, unknown> = {
    Effect: r.chance(0.06) ? 'Deny' : 'Allow',
    Action: actions.size === 1 ? [...actions][0] : [...actions],
    Resource: r.chance(0.3)
      ? [resourceFor(r, svc, team), resourceFor(r, svc, team)]
      : resourceFor(r, svc, team),
  };
  const roll = r.next();
  if (roll < 0.05) st.Condition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  else if (roll < 0.1) st.Condition = { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } };
  else if (roll < 0.12) st.Condition = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
  if (r.chance(0.4)) st.Sid = `S${r.int(1e6)}`;
  return st;
}

function customerPolicyDoc(r: ReturnType<typeof rng>, team: string, i: number): Record<string, unknown> {
  const statements = Array.from({ length: 1 + r.int(6) }, () => statement(r, team));
  // A few risky shapes, as real accounts have.
  if (i % 997 === 0) statements.push({ Effect: 'Allow', Action: '*', Resource: '*' });
  if (i % 1499 === 0)
    statements.push({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' });
  if (i % 1777 === 0)
    statements.push({
      Effect: 'Allow',
      Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
      Resource: '*',
    });
  if (i % 2003 === 0)
    statements.push({ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:PutUserPolicy'], Resource: '*' });
  if (i % 2503 === 0)
    statements.push({
      Effect: 'Allow',
      Action: 'iam:AttachRolePolicy',
      Resource: `arn:aws:iam::${ACCOUNT}:role/${team}-*`,
    });
  return { Version: '2012-10-17', Statement: statements };
}

/** A large read-only policy: thousands of action patterns across many services (like ReadOnlyAccess). */
function bigReadOnly(r: ReturnType<typeof rng>): Record<string, unknown> {
  const actions: string[] = [];
  for (let s = 0; s < 400; s++) {
    const svc = `svc${s}`;
    for (const verb of ['Get*', 'List*', 'Describe*', 'BatchGet*', 'Search*', 'View*', 'Lookup*'])
      actions.push(`${svc}:${verb}`);
  }
  for (const svc of SERVICE_NAMES)
    for (const verb of ['Get*', 'List*', 'Describe*']) actions.push(`${svc}:${verb}`);
  while (actions.length < 2_900) actions.push(`svc${r.int(400)}:Read${r.int(1e5)}`);
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
}

const AWS_POLICIES: [string, (r: ReturnType<typeof rng>) => Record<string, unknown>][] = [
  [
    'AdministratorAccess',
    () => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
  ],
  ['ReadOnlyAccess', bigReadOnly],
  ['ViewOnlyAccess', bigReadOnly],
  [
    'PowerUserAccess',
    () => ({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: [
            'iam:CreateServiceLinkedRole',
            'iam:DeleteServiceLinkedRole',
            'iam:ListRoles',
            'organizations:DescribeOrganization',
          ],
          Resource: '*',
        },
      ],
    }),
  ],
  [
    'IAMFullAccess',
    () => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeAccount'], Resource: '*' }],
    }),
  ],
  [
    'AmazonS3FullAccess',
    () => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }],
    }),
  ],
];

const iso = (r: ReturnType<typeof rng>) =>
  new Date(Date.UTC(2024, 0, 1) + r.int(700) * 86_400_000).toISOString().replace('.000Z', '+00:00');

export function generateSnapshot(opts: GenerateOptions = FULL_SIZE): Snapshot {
  const r = rng(opts.seed);
  const teams = Array.from({ length: 60 }, (_, i) => `team${i}`);
  const Policies: AuthorizationDetails['Policies'] = [];
  for (const [name, make] of AWS_POLICIES) {
    Policies.push({
      PolicyName: name,
      PolicyId: `ANPA${name.toUpperCase().slice(0, 16).padEnd(17, 'X')}`,
      Arn: `arn:aws:iam::aws:policy/${name}`,
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      IsAttachable: true,
      PolicyVersionList: [{ Document: make(r), VersionId: 'v1', IsDefaultVersion: true, CreateDate: iso(r) }],
    });
  }
  const customerArns: string[] = [];
  for (let i = 0; i < opts.policies; i++) {
    const team = r.pick(teams);
    const name = `${team}-policy-${i}`;
    const arn = `arn:aws:iam::${ACCOUNT}:policy/${name}`;
    customerArns.push(arn);
    const versions = [
      {
        Document: customerPolicyDoc(r, team, i),
        VersionId: 'v2',
        IsDefaultVersion: true,
        CreateDate: iso(r),
      },
    ];
    if (r.chance(0.02))
      versions.push({
        Document: customerPolicyDoc(r, team, i + 1),
        VersionId: 'v1',
        IsDefaultVersion: false,
        CreateDate: iso(r),
      });
    Policies.push({
      PolicyName: name,
      PolicyId: `ANPA${String(i).padStart(17, '0')}`,
      Arn: arn,
      Path: '/',
      DefaultVersionId: 'v2',
      AttachmentCount: 1,
      IsAttachable: true,
      PolicyVersionList: versions,
    });
  }
  const awsArn = (n: string) => `arn:aws:iam::aws:policy/${n}`;
  const attach = (arn: string) => ({ PolicyName: arn.split('/').pop() ?? arn, PolicyArn: arn });
  const bigAws = ['ReadOnlyAccess', 'ViewOnlyAccess', 'PowerUserAccess', 'AmazonS3FullAccess'];

  const GroupDetailList: AuthorizationDetails['GroupDetailList'] = [];
  for (let g = 0; g < opts.groups; g++) {
    const team = teams[g % teams.length] ?? 'team';
    const attached = Array.from({ length: 1 + r.int(3) }, () => attach(r.pick(customerArns)));
    if (g < 2) attached.push(attach(awsArn('AdministratorAccess')));
    else if (r.chance(0.15)) attached.push(attach(awsArn(r.pick(bigAws))));
    GroupDetailList.push({
      Path: '/',
      GroupName: `${team}-group-${g}`,
      GroupId: `AGPA${String(g).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${ACCOUNT}:group/${team}-group-${g}`,
      CreateDate: iso(r),
      GroupPolicyList: r.chance(0.2)
        ? [{ PolicyName: 'inline', PolicyDocument: customerPolicyDoc(r, team, 1 + g) }]
        : [],
      AttachedManagedPolicies: attached,
    });
  }

  const UserDetailList: AuthorizationDetails['UserDetailList'] = [];
  const rows: CredentialReportRow[] = [];
  const NA = 'N/A';
  for (let u = 0; u < opts.users; u++) {
    const team = r.pick(teams);
    const name = `${team}.user${u}`;
    const arn = `arn:aws:iam::${ACCOUNT}:user/${name}`;
    const groupsOf = new Set<string>();
    const nGroups = u < 5 ? 1 : 1 + r.int(2);
    for (let i = 0; i < nGroups; i++)
      groupsOf.add((u < 5 ? GroupDetailList[0] : r.pick(GroupDetailList))?.GroupName ?? '');
    const console = r.chance(0.6);
    UserDetailList.push({
      Path: '/',
      UserName: name,
      UserId: `AIDA${String(u).padStart(17, '0')}`,
      Arn: arn,
      CreateDate: iso(r),
      UserPolicyList: r.chance(0.2)
        ? [{ PolicyName: `${name}-inline`, PolicyDocument: customerPolicyDoc(r, team, 3 + u) }]
        : [],
      GroupList: [...groupsOf],
      AttachedManagedPolicies: Array.from({ length: r.int(3) }, () => attach(r.pick(customerArns))),
      ...(r.chance(0.05)
        ? {
            PermissionsBoundary: {
              PermissionsBoundaryType: 'Policy',
              PermissionsBoundaryArn: awsArn('PowerUserAccess'),
            },
          }
        : {}),
      Tags: r.chance(0.3) ? [{ Key: 'team', Value: team }] : [],
    });
    rows.push({
      user: name,
      arn,
      user_creation_time: iso(r),
      password_enabled: String(console),
      password_last_used: console ? iso(r) : NA,
      password_last_changed: console ? iso(r) : NA,
      password_next_rotation: NA,
      mfa_active: String(console && r.chance(0.7)),
      access_key_1_active: String(r.chance(0.4)),
      access_key_1_last_rotated: iso(r),
      access_key_1_last_used_date: iso(r),
      access_key_1_last_used_region: 'us-east-1',
      access_key_1_last_used_service: 's3',
      access_key_2_active: 'false',
      access_key_2_last_rotated: NA,
      access_key_2_last_used_date: NA,
      access_key_2_last_used_region: NA,
      access_key_2_last_used_service: NA,
      cert_1_active: 'false',
      cert_1_last_rotated: NA,
      cert_2_active: 'false',
      cert_2_last_rotated: NA,
    });
  }

  const RoleDetailList: AuthorizationDetails['RoleDetailList'] = [];
  for (let i = 0; i < opts.roles; i++) {
    const team = r.pick(teams);
    const name = `${team}-role-${i}`;
    let principal: Record<string, unknown>;
    let condition: Record<string, unknown> | undefined;
    const kind = r.next();
    if (kind < 0.6) principal = { Service: r.pick(TRUSTED_SERVICES) };
    else if (kind < 0.85) {
      principal = { AWS: `arn:aws:iam::${ACCOUNT}:root` };
      if (r.chance(0.5)) condition = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    } else if (kind < 0.95) principal = { AWS: UserDetailList[r.int(UserDetailList.length)]?.Arn ?? '' };
    else principal = { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/corp` };
    const attached = Array.from({ length: 1 + r.int(4) }, () => attach(r.pick(customerArns)));
    if (i % 250 === 0) attached.push(attach(awsArn('AdministratorAccess')));
    else if (r.chance(0.2)) attached.push(attach(awsArn(r.pick(bigAws))));
    RoleDetailList.push({
      Path: '/',
      RoleName: name,
      RoleId: `AROA${String(i).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      CreateDate: iso(r),
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: principal,
            Action: 'sts:AssumeRole',
            ...(condition ? { Condition: condition } : {}),
          },
        ],
      },
      RolePolicyList: r.chance(0.3)
        ? [{ PolicyName: 'inline', PolicyDocument: customerPolicyDoc(r, team, 7 + i) }]
        : [],
      AttachedManagedPolicies: attached,
      ...(r.chance(0.05)
        ? {
            PermissionsBoundary: {
              PermissionsBoundaryType: 'Policy',
              PermissionsBoundaryArn: awsArn('PowerUserAccess'),
            },
          }
        : {}),
      Tags: [],
      RoleLastUsed: r.chance(0.5) ? { LastUsedDate: iso(r), Region: 'us-east-1' } : {},
      // The console gives a role for EC2 its instance profile (no draw from r: the rest stays as it was).
      ...(principal.Service === 'ec2.amazonaws.com'
        ? {
            InstanceProfileList: [
              {
                Path: '/',
                InstanceProfileName: name,
                InstanceProfileId: `AIPA${String(i).padStart(17, '0')}`,
                Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`,
                Roles: [],
              },
            ],
          }
        : {}),
    });
  }

  const skipped = { status: 'skipped', reason: 'not generated' } as const;
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    meta: {
      generatedAt: '2026-11-23T12:00:00Z',
      source: 'fixture',
      accountId: ACCOUNT,
      partition: 'aws',
      tool: { name: 'rampart-bench', version: '1' },
    },
    slices: {
      ...(Object.fromEntries(SLICE_NAMES.map((n) => [n, skipped])) as unknown as Slices),
      identity: {
        status: 'ok',
        data: { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor`, UserId: 'AIDAAUDITOR' },
      },
      credentialReport: { status: 'ok', data: { GeneratedTime: '2026-11-23T11:00:00Z', rows } },
      authorizationDetails: {
        status: 'ok',
        data: { UserDetailList, GroupDetailList, RoleDetailList, Policies },
      },
    },
  };
}
