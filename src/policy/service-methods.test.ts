import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails } from '../snapshot/aws-shapes.js';
import { analyzeAdmins } from './admins.js';
import { SERVICE_METHODS } from './escalation.js';
import { ACCOUNT, allow, arn, doc, role, user } from './testing.js';

// Service methods added from PMapper's and Cloudsplaining's lists (reference section 2.2), each with the AWS page
// that says which actions it takes and which role the service runs as. Every row: a principal allowed exactly
// the method's actions (and iam:PassRole on the role when the method passes one) reaches an admin role that
// trusts the method's service; one action short, or a role that trusts another service, is no path.

const DOCS: [id: string, source: string][] = [
  [
    'ec2-associate-instance-profile',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/permission-to-pass-iam-roles.html',
  ],
  [
    'ec2-replace-instance-profile',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/permission-to-pass-iam-roles.html',
  ],
  [
    'ec2-launch-template-version',
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-launch-template-permissions.html',
  ],
  // An Auto Scaling group whose LaunchTemplateSpecification says $Latest "selects the latest version of the launch
  // template when launching instances": a new version is enough, ModifyLaunchTemplate is not needed.
  [
    'ec2-launch-template-latest-version',
    'https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateSpecification.html',
  ],
  ['passrole-glue-trigger', 'https://docs.aws.amazon.com/glue/latest/webapi/API_CreateTrigger.html'],
  [
    'glue-update-job',
    'https://docs.aws.amazon.com/glue/latest/dg/auto-version-upgrades-iam-permissions-for-auto-upgrade.html',
  ],
  [
    'passrole-cloudformation-stackset',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html',
  ],
  [
    'cloudformation-update-stackset',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStackSet.html',
  ],
  ['passrole-ecs-start-task', 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StartTask.html'],
  [
    'passrole-ecs-update-service',
    'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html',
  ],
  [
    'passrole-agentcore-code-interpreter',
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/code-interpreter-resource-session-management.html',
  ],
  [
    'agentcore-invoke-code-interpreter',
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/code-interpreter-resource-session-management.html',
  ],
  ['apprunner-update-service', 'https://docs.aws.amazon.com/apprunner/latest/api/API_UpdateService.html'],
  [
    'sagemaker-notebook-lifecycle',
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstanceLifecycleConfig.html',
  ],
  ['codebuild-start-build', 'https://docs.aws.amazon.com/codebuild/latest/APIReference/API_StartBuild.html'],
  [
    'codebuild-start-build-batch',
    'https://docs.aws.amazon.com/codebuild/latest/APIReference/API_StartBuildBatch.html',
  ],
];

const methodOf = (id: string) => {
  const m = SERVICE_METHODS.find((x) => x.id === id);
  if (!m) throw new Error(`no service method ${id}`);
  return m;
};
const trusting = (service: string) => ({
  Effect: 'Allow',
  Principal: { Service: service },
  Action: 'sts:AssumeRole',
});
const ADMIN = arn('role', 'svc-admin');
const EC2 = 'ec2.amazonaws.com';

/** One user allowed `actions` on any resource (and PassRole on the admin role), one admin role. */
function analyze(actions: string[], passRole: boolean, service: string, profile = true) {
  const d = {
    Policies: [],
    UserDetailList: [
      user('escalator', {
        inline: {
          p: doc(
            ...(actions.length > 0 ? [allow(actions)] : []),
            ...(passRole ? [allow('iam:PassRole', ADMIN)] : []),
          ),
        },
      }),
    ],
    GroupDetailList: [],
    RoleDetailList: [
      role('svc-admin', { inline: { all: doc(allow('*')) }, trust: trusting(service), profile }),
    ],
  } as unknown as AuthorizationDetails;
  return analyzeAdmins({ authorizationDetails: d, accountId: ACCOUNT, now: new Date() });
}
const pathOf = (r: ReturnType<typeof analyze>, id: string) =>
  r.admins.find((a) => a.name === 'escalator')?.paths.find((p) => p.method === id);

describe.each(DOCS)('service method %s', (id, source) => {
  // Looked up in each test: a method missing from SERVICE_METHODS fails its own tests.
  const method = () => methodOf(id);
  it('cites an AWS documentation page', () => {
    expect(source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('is a path to an admin role that trusts its service, through that role', () => {
    const m = method();
    const path = pathOf(analyze([...m.actions], m.passRole, m.service), id);
    expect(path?.tier).toBe('potential');
    expect(path?.access).toBe('unconditional');
    expect(path?.via).toEqual([ADMIN]);
    expect(path?.actions).toEqual([...(m.passRole ? ['iam:PassRole'] : []), ...m.actions]);
    expect(path?.dependsOnExistingResources ?? false).toBe(m.existing);
  });

  it('is no path one action short', () => {
    const m = method();
    for (const left of m.actions) {
      const r = analyze(
        m.actions.filter((a) => a !== left),
        m.passRole,
        m.service,
      );
      expect(pathOf(r, id), left).toBeUndefined();
    }
    if (m.passRole) expect(pathOf(analyze([...m.actions], false, m.service), id)).toBeUndefined();
  });

  it('is no path to a role that trusts another service', () => {
    const m = method();
    const other = m.service === 'lambda.amazonaws.com' ? 'states.amazonaws.com' : 'lambda.amazonaws.com';
    expect(pathOf(analyze([...m.actions], m.passRole, other), id)).toBeUndefined();
  });
});

describe('EC2 methods and instance profiles', () => {
  const profileActions = ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'];

  it('attaching a role that is in no instance profile to an instance needs a profile it can make', () => {
    const m = methodOf('ec2-associate-instance-profile');
    expect(pathOf(analyze([...m.actions], true, m.service, false), m.id)).toBeUndefined();
    const path = pathOf(analyze([...m.actions, ...profileActions], true, m.service, false), m.id);
    expect(path?.actions).toEqual(['iam:PassRole', ...profileActions, ...m.actions]);
  });

  it('a launch template names an instance profile that exists: a role in none is no path', () => {
    for (const id of ['ec2-launch-template-version', 'ec2-launch-template-latest-version']) {
      const m = methodOf(id);
      expect(
        pathOf(analyze([...m.actions, ...profileActions], true, m.service, false), m.id),
      ).toBeUndefined();
    }
  });

  it('an Auto Scaling group the export cannot show: both launch template paths say they need one', () => {
    // Authorization details hold no Auto Scaling groups or launch templates, so which version a group launches
    // ($Latest or $Default) is unknown: each path depends on resources the export does not show.
    const r = analyze(['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], false, EC2);
    for (const id of ['ec2-launch-template-version', 'ec2-launch-template-latest-version'])
      expect(pathOf(r, id)?.dependsOnExistingResources, id).toBe(true);
    const latestOnly = analyze(['ec2:CreateLaunchTemplateVersion'], false, EC2);
    expect(pathOf(latestOnly, 'ec2-launch-template-version')).toBeUndefined();
    expect(pathOf(latestOnly, 'ec2-launch-template-latest-version')?.actions).toEqual([
      'ec2:CreateLaunchTemplateVersion',
    ]);
  });
});

describe('a self-managed StackSet administration role', () => {
  // The administration role, trusted by CloudFormation, assumes the execution role, which deploys the stacks
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html): the
  // administration role is admin through an admin execution role, and passing it to a new StackSet is a path.
  const d = {
    Policies: [],
    UserDetailList: [
      user('stackset-maker', {
        inline: {
          p: doc(
            allow(['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances']),
            allow('iam:PassRole', arn('role', 'AWSCloudFormationStackSetAdministrationRole')),
          ),
        },
      }),
    ],
    GroupDetailList: [],
    RoleDetailList: [
      role('AWSCloudFormationStackSetAdministrationRole', {
        inline: {
          p: doc(allow('sts:AssumeRole', arn('role', 'AWSCloudFormationStackSetExecutionRole'))),
        },
        trust: trusting('cloudformation.amazonaws.com'),
      }),
      role('AWSCloudFormationStackSetExecutionRole', {
        inline: { all: doc(allow('*')) },
        trust: {
          Effect: 'Allow',
          Principal: { AWS: arn('role', 'AWSCloudFormationStackSetAdministrationRole') },
          Action: 'sts:AssumeRole',
        },
      }),
    ],
  } as unknown as AuthorizationDetails;

  it('passing the administration role to a new StackSet reaches the admin execution role', () => {
    const r = analyzeAdmins({ authorizationDetails: d, accountId: ACCOUNT, now: new Date() });
    const paths = r.admins.find((a) => a.name === 'stackset-maker')?.paths ?? [];
    expect(paths.map((p) => [p.method, p.via])).toEqual([
      ['passrole-cloudformation-stackset', [arn('role', 'AWSCloudFormationStackSetAdministrationRole')]],
    ]);
  });
});

describe('a service-managed StackSet', () => {
  // With PermissionModel SERVICE_MANAGED no role is passed (AdministrationRoleARN is "Valid only if the permissions
  // model is SELF_MANAGED", https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html),
  // but "StackSets doesn't deploy stack instances to the organization management account"
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeploymentTargets.html): from there it
  // reaches member accounts, not the account analysed. Whether an account is a delegated administrator for
  // StackSets (which could target itself) is not in the export, so the actions alone are no path here.
  it('CreateStackSet and CreateStackInstances without iam:PassRole are no path', () => {
    const m = methodOf('passrole-cloudformation-stackset');
    const r = analyze([...m.actions, 'organizations:ListDelegatedAdministrators'], false, m.service);
    expect(r.admins.find((a) => a.name === 'escalator')).toBeUndefined();
  });
});

describe('CodeStar, discontinued', () => {
  // "After July 31, 2024, you will no longer be able to access the AWS CodeStar console or create new projects"
  // (https://docs.aws.amazon.com/codestar/latest/APIReference/Welcome.html): Rhino's methods 23-25 all start with
  // a new project, which AWS refuses.
  it('CreateProject with PassRole of an admin role that trusts CodeStar is no path', () => {
    const r = analyze(
      ['codestar:CreateProject', 'codestar:CreateProjectFromTemplate'],
      true,
      'codestar.amazonaws.com',
    );
    expect(r.admins.find((a) => a.name === 'escalator')).toBeUndefined();
  });
});
