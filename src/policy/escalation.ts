// Privilege-escalation methods as data: the exact actions and what each is evaluated against.
// Sources: Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (methods 1-28,
// numbered below), PMapper's edge checkers and Cloudsplaining's method list (see
// /work/shared/reference/iam-evaluation.md section 2). Only facts (action names) are reused.

/** Self-escalation (tier iam-admin): the principal can grant itself more. */
export const SELF_METHODS = {
  'put-user-policy': { rhino: 10, title: 'put an inline policy on itself', actions: ['iam:PutUserPolicy'] },
  'attach-user-policy': {
    rhino: 7,
    title: 'attach AdministratorAccess to itself',
    actions: ['iam:AttachUserPolicy'],
  },
  'put-group-policy': {
    rhino: 11,
    title: 'put an inline policy on its group',
    actions: ['iam:PutGroupPolicy'],
  },
  'attach-group-policy': {
    rhino: 8,
    title: 'attach AdministratorAccess to its group',
    actions: ['iam:AttachGroupPolicy'],
  },
  'put-role-policy': {
    rhino: 12,
    title: 'put an inline policy on a role it is or can assume',
    actions: ['iam:PutRolePolicy'],
  },
  'attach-role-policy': {
    rhino: 9,
    title: 'attach AdministratorAccess to a role it is or can assume',
    actions: ['iam:AttachRolePolicy'],
  },
  'create-policy-version': {
    rhino: 1,
    title: 'create a new default version of a customer managed policy that applies to it',
    actions: ['iam:CreatePolicyVersion'],
  },
  'set-default-policy-version': {
    rhino: 2,
    title: 'make a more permissive, non-default version of its policy the default',
    actions: ['iam:SetDefaultPolicyVersion'],
  },
  'add-user-to-group': { rhino: 13, title: 'add itself to an admin group', actions: ['iam:AddUserToGroup'] },
  // "Deleting the permissions boundary ... might increase its permissions" (DeleteRolePermissionsBoundary):
  // its own policies then apply in full. Setting an admin policy as the boundary does the same.
  'delete-user-permissions-boundary': {
    rhino: undefined,
    title: 'delete its own permissions boundary, under which its policies are admin',
    actions: ['iam:DeleteUserPermissionsBoundary'],
  },
  'put-user-permissions-boundary': {
    rhino: undefined,
    title: 'make AdministratorAccess its own permissions boundary, under which its policies are admin',
    actions: ['iam:PutUserPermissionsBoundary'],
  },
  'delete-role-permissions-boundary': {
    rhino: undefined,
    title: 'delete its own permissions boundary, under which its policies are admin',
    actions: ['iam:DeleteRolePermissionsBoundary'],
  },
  'put-role-permissions-boundary': {
    rhino: undefined,
    title: 'make AdministratorAccess its own permissions boundary, under which its policies are admin',
    actions: ['iam:PutRolePermissionsBoundary'],
  },
  // ABAC: a principal's tags are its aws:PrincipalTag values; policies that allow more with some value are
  // admin once it tags itself with it (access_iam-tags.html#access_iam-tags_control-principals).
  'tag-user': {
    rhino: undefined,
    title: 'tag itself with the principal tags under which its policies are admin:',
    actions: ['iam:TagUser'],
  },
  'tag-role': {
    rhino: undefined,
    title: 'tag itself with the principal tags under which its policies are admin:',
    actions: ['iam:TagRole'],
  },
  'create-role-attach-policy': {
    rhino: undefined,
    title: 'create a role that trusts it and attach AdministratorAccess',
    actions: ['iam:CreateRole', 'iam:AttachRolePolicy'],
  },
  'create-role-put-policy': {
    rhino: undefined,
    title: 'create a role that trusts it and put an admin inline policy',
    actions: ['iam:CreateRole', 'iam:PutRolePolicy'],
  },
} as const;
export type SelfMethod = keyof typeof SELF_METHODS;

/** Escalation through another admin user or role (tier potential). */
export const TARGET_METHODS = {
  'create-access-key': {
    rhino: 4,
    title: 'create an access key for an admin user',
    actions: ['iam:CreateAccessKey'],
    // IAM quota: 2 access keys per user, inactive ones included; CreateAccessKey beyond it fails with
    // LimitExceeded (reference_iam-quotas.html, API_CreateAccessKey.html). A user that has two needs one
    // deleted first (PMapper asks the same).
    whenKeysFull: ['iam:DeleteAccessKey'],
  },
  'create-login-profile': {
    rhino: 5,
    title: 'set a console password for an admin user that has none',
    actions: ['iam:CreateLoginProfile'],
  },
  'update-login-profile': {
    rhino: 6,
    title: "change an admin user's console password",
    actions: ['iam:UpdateLoginProfile'],
  },
  'update-assume-role-policy': {
    rhino: 14,
    title: "rewrite an admin role's trust policy to trust itself",
    actions: ['iam:UpdateAssumeRolePolicy'],
  },
} as const;
export type TargetMethod = keyof typeof TARGET_METHODS;

/**
 * A user enrolling a virtual MFA device for itself: the device is made, then enabled on the user (AWS's example
 * "IAM: Allows IAM users to self-manage an MFA device", reference_policies_examples_iam_mfa-selfmanage.html,
 * allows both without MFA). Then sts:GetSessionToken with it gives an MFA session; no policy controls that.
 */
export const MFA_ENROLMENT = {
  actions: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'],
  session: 'sts:GetSessionToken',
} as const;

export interface ServiceMethod {
  id: string;
  rhino?: number;
  /** The service principal the admin role must trust. */
  service: string;
  title: string;
  /** All of these, besides iam:PassRole when `passRole`. */
  actions: readonly string[];
  passRole: boolean;
  /**
   * Needs an existing resource (function, instance, stack...): not visible here. Without `passRole`, one that
   * already runs as the role; with it, any one that the principal may change to run as the role it passes.
   */
  existing: boolean;
}

const pass = (
  id: string,
  service: string,
  actions: string[],
  title: string,
  rhino?: number,
): ServiceMethod => ({
  id,
  service,
  actions,
  title,
  passRole: true,
  existing: false,
  ...(rhino ? { rhino } : {}),
});
const existing = (
  id: string,
  service: string,
  actions: string[],
  title: string,
  rhino?: number,
): ServiceMethod => ({
  id,
  service,
  actions,
  title,
  passRole: false,
  existing: true,
  ...(rhino ? { rhino } : {}),
});

const passExisting = (id: string, service: string, actions: string[], title: string): ServiceMethod => ({
  id,
  service,
  actions,
  title,
  passRole: true,
  existing: true,
});

export const SERVICE_METHODS: readonly ServiceMethod[] = [
  pass('passrole-ec2', 'ec2.amazonaws.com', ['ec2:RunInstances'], 'launch an EC2 instance with the role', 3),
  // A Spot request names an instance profile as RunInstances does (RequestSpotLaunchSpecification).
  pass(
    'passrole-ec2-spot',
    'ec2.amazonaws.com',
    ['ec2:RequestSpotInstances'],
    'launch a Spot instance with the role',
  ),
  pass(
    'passrole-autoscaling',
    'ec2.amazonaws.com',
    ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
    'launch instances with the role through Auto Scaling',
  ),
  // An instance profile attached to an instance p already runs code on (its own): "attach an IAM role to an
  // instance, replace the IAM role for an instance" needs iam:PassRole and ec2:AssociateIamInstanceProfile or
  // ec2:ReplaceIamInstanceProfileAssociation (AWSEC2/latest/UserGuide/permission-to-pass-iam-roles.html).
  passExisting(
    'ec2-associate-instance-profile',
    'ec2.amazonaws.com',
    ['ec2:AssociateIamInstanceProfile'],
    'attach an instance profile holding the role to an instance it runs code on',
  ),
  passExisting(
    'ec2-replace-instance-profile',
    'ec2.amazonaws.com',
    ['ec2:ReplaceIamInstanceProfileAssociation'],
    'swap the instance profile of an instance it runs code on for one holding the role',
  ),
  pass(
    'passrole-lambda-invoke',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:InvokeFunction'],
    'create and invoke a Lambda function with the role',
    15,
  ),
  pass(
    'passrole-lambda-permission',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:AddPermission'],
    'create a Lambda function with the role and let itself invoke it',
    16,
  ),
  pass(
    'passrole-lambda-trigger',
    'lambda.amazonaws.com',
    ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    'create a Lambda function with the role and trigger it from an event source',
    17,
  ),
  pass(
    'passrole-glue-dev-endpoint',
    'glue.amazonaws.com',
    ['glue:CreateDevEndpoint'],
    'create a Glue development endpoint with the role',
    19,
  ),
  pass(
    'passrole-glue-job',
    'glue.amazonaws.com',
    ['glue:CreateJob', 'glue:StartJobRun'],
    'create and run a Glue job with the role',
  ),
  // A trigger created with StartOnCreation runs its job on its schedule or condition (glue/latest/webapi/API_CreateTrigger.html).
  pass(
    'passrole-glue-trigger',
    'glue.amazonaws.com',
    ['glue:CreateJob', 'glue:CreateTrigger'],
    'create a Glue job with the role and a trigger that starts it',
  ),
  // Editing a job needs "glue:UpdateJob or glue:CreateJob, and iam:PassRole on the job role"
  // (glue/latest/dg/auto-version-upgrades-iam-permissions-for-auto-upgrade.html); UpdateJob overwrites the
  // whole definition, role and script included (glue/latest/webapi/API_JobUpdate.html).
  passExisting(
    'glue-update-job',
    'glue.amazonaws.com',
    ['glue:UpdateJob', 'glue:StartJobRun'],
    'rewrite an existing Glue job to run its script as the role, and run it',
  ),
  pass(
    'passrole-cloudformation',
    'cloudformation.amazonaws.com',
    ['cloudformation:CreateStack'],
    'create a CloudFormation stack that runs as the role',
    21,
  ),
  pass(
    'passrole-cloudformation-changeset',
    'cloudformation.amazonaws.com',
    ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
    'execute a CloudFormation change set that runs as the role',
  ),
  // Self-managed StackSets: the administration role (AdministrationRoleARN, trusted by CloudFormation) assumes
  // the execution role that deploys the stacks (AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html,
  // AWSCloudFormation/latest/APIReference/API_CreateStackSet.html). An administration role that can assume an admin
  // execution role is admin through that role, so passing it is the path.
  // Service-managed StackSets (PermissionModel SERVICE_MANAGED) pass no role, but they never reach the account
  // analysed here when it is the management account: "StackSets doesn't deploy stack instances to the organization
  // management account" (API_DeploymentTargets.html). From a delegated administrator (CallAs DELEGATED_ADMIN) they
  // could reach it, but authorization details do not say which account is one, so no method models them.
  pass(
    'passrole-cloudformation-stackset',
    'cloudformation.amazonaws.com',
    ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
    'create a self-managed StackSet administered by the role and deploy its stacks',
  ),
  // UpdateStackSet takes AdministrationRoleARN too, and deploys to the StackSet's existing stack instances
  // (AWSCloudFormation/latest/APIReference/API_UpdateStackSet.html).
  passExisting(
    'cloudformation-update-stackset',
    'cloudformation.amazonaws.com',
    ['cloudformation:UpdateStackSet'],
    'update an existing StackSet to be administered by the role',
  ),
  pass(
    'passrole-datapipeline',
    'datapipeline.amazonaws.com',
    ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
    'create a Data Pipeline that runs as the role',
    22,
  ),
  pass(
    'passrole-sagemaker-notebook',
    'sagemaker.amazonaws.com',
    ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
    'create a SageMaker notebook with the role and open it',
    27,
  ),
  pass(
    'passrole-sagemaker-training',
    'sagemaker.amazonaws.com',
    ['sagemaker:CreateTrainingJob'],
    'run a SageMaker training job with the role',
  ),
  pass(
    'passrole-sagemaker-processing',
    'sagemaker.amazonaws.com',
    ['sagemaker:CreateProcessingJob'],
    'run a SageMaker processing job with the role',
  ),
  pass(
    'passrole-codebuild',
    'codebuild.amazonaws.com',
    ['codebuild:CreateProject', 'codebuild:StartBuild'],
    'create and start a CodeBuild project with the role',
  ),
  pass(
    'passrole-codebuild-batch',
    'codebuild.amazonaws.com',
    ['codebuild:CreateProject', 'codebuild:StartBuildBatch'],
    'create a CodeBuild project with the role and start a batch build',
  ),
  pass(
    'passrole-ecs',
    'ecs-tasks.amazonaws.com',
    ['ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    'run an ECS task with the role',
  ),
  pass(
    'passrole-ecs-service',
    'ecs-tasks.amazonaws.com',
    ['ecs:RegisterTaskDefinition', 'ecs:CreateService'],
    'create an ECS service whose tasks use the role',
  ),
  // StartTask places a task on container instances p names: instances registered in a cluster
  // (AmazonECS/latest/APIReference/API_StartTask.html); the task role is passed as for RunTask
  // (AmazonECS/latest/developerguide/task-iam-roles.html).
  passExisting(
    'passrole-ecs-start-task',
    'ecs-tasks.amazonaws.com',
    ['ecs:RegisterTaskDefinition', 'ecs:StartTask'],
    'start an ECS task with the role on an existing container instance',
  ),
  // UpdateService with a new task definition revision: "Amazon ECS spawns a task with the new version of the task
  // definition" (AmazonECS/latest/APIReference/API_UpdateService.html); its task role is passed as for RunTask
  // (AmazonECS/latest/developerguide/task-iam-roles.html). The service must exist already.
  passExisting(
    'passrole-ecs-update-service',
    'ecs-tasks.amazonaws.com',
    ['ecs:RegisterTaskDefinition', 'ecs:UpdateService'],
    'point an existing ECS service at a new task definition with the role',
  ),
  pass(
    'passrole-apprunner',
    'tasks.apprunner.amazonaws.com',
    ['apprunner:CreateService'],
    'create an App Runner service with the role',
  ),
  // A custom code interpreter runs code as its execution role, a role that trusts bedrock-agentcore.amazonaws.com
  // (bedrock-agentcore/latest/devguide/code-interpreter-resource-session-management.html,
  // bedrock-agentcore/latest/devguide/code-interpreter-create.html).
  pass(
    'passrole-agentcore-code-interpreter',
    'bedrock-agentcore.amazonaws.com',
    [
      'bedrock-agentcore:CreateCodeInterpreter',
      'bedrock-agentcore:StartCodeInterpreterSession',
      'bedrock-agentcore:InvokeCodeInterpreter',
    ],
    'create a Bedrock AgentCore code interpreter with the role and run code in it',
  ),
  // No CodeStar methods (Rhino 23-25: CreateProjectFromTemplate, CreateProject with PassRole or with
  // AssociateTeamMember): "After July 31, 2024, you will no longer be able to ... create new projects"
  // (codestar/latest/APIReference/Welcome.html), and each starts with a new project.
  existing(
    'lambda-update-code',
    'lambda.amazonaws.com',
    ['lambda:UpdateFunctionCode'],
    'replace the code of a Lambda function that runs as the role',
    18,
  ),
  existing(
    'lambda-update-configuration',
    'lambda.amazonaws.com',
    ['lambda:UpdateFunctionConfiguration'],
    'add a layer to a Lambda function that runs as the role',
    26,
  ),
  existing(
    'glue-update-dev-endpoint',
    'glue.amazonaws.com',
    ['glue:UpdateDevEndpoint'],
    'add an SSH key to a Glue endpoint that runs as the role',
    20,
  ),
  existing(
    'sagemaker-presigned-url',
    'sagemaker.amazonaws.com',
    ['sagemaker:CreatePresignedNotebookInstanceUrl'],
    'open a SageMaker notebook that runs as the role',
    28,
  ),
  existing(
    'ssm-send-command',
    'ec2.amazonaws.com',
    ['ssm:SendCommand'],
    'run commands on an instance whose profile holds the role',
  ),
  existing(
    'ssm-start-session',
    'ec2.amazonaws.com',
    ['ssm:StartSession'],
    'open a shell on an instance whose profile holds the role',
  ),
  existing(
    'ec2-instance-connect',
    'ec2.amazonaws.com',
    ['ec2-instance-connect:SendSSHPublicKey'],
    'push an SSH key to an instance whose profile holds the role',
  ),
  existing(
    'ec2-user-data',
    'ec2.amazonaws.com',
    ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
    'change the user data of an instance whose profile holds the role',
  ),
  // A new default version of a launch template that an Auto Scaling group launches with ($Default or $Latest,
  // API_LaunchTemplateSpecification.html): the group's next instances get the version's instance profile and
  // user data. iam:PassRole is checked when a user creates or updates the group, not when the group scales out
  // (autoscaling/ec2/userguide/ec2-auto-scaling-launch-template-permissions.html), and the versions are
  // EC2's own actions (AWSEC2/latest/APIReference/API_CreateLaunchTemplateVersion.html, API_ModifyLaunchTemplate.html).
  existing(
    'ec2-launch-template-version',
    'ec2.amazonaws.com',
    ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
    'make a launch template version with the role the default of a template an Auto Scaling group uses',
  ),
  // A group that names $Latest "selects the latest version of the launch template when launching instances"
  // (API_LaunchTemplateSpecification.html): the new version alone is enough. Authorization details show neither
  // groups nor templates, so whether a group uses $Latest is unknown: a path that needs an existing resource.
  existing(
    'ec2-launch-template-latest-version',
    'ec2.amazonaws.com',
    ['ec2:CreateLaunchTemplateVersion'],
    'add a launch template version with the role to a template an Auto Scaling group launches as $Latest',
  ),
  existing(
    'cloudformation-update-stack',
    'cloudformation.amazonaws.com',
    ['cloudformation:UpdateStack'],
    'update a stack that runs as the role',
  ),
  // A build runs the buildspec StartBuild gives (buildspecOverride: "overrides the latest one defined in the build
  // project, for this build only", codebuild/latest/APIReference/API_StartBuild.html; the same for a batch,
  // API_StartBuildBatch.html): the project need not be changed first (UpdateProject, as this list once required).
  existing(
    'codebuild-start-build',
    'codebuild.amazonaws.com',
    ['codebuild:StartBuild'],
    'start a build with its own buildspec in a CodeBuild project that runs as the role',
  ),
  existing(
    'codebuild-start-build-batch',
    'codebuild.amazonaws.com',
    ['codebuild:StartBuildBatch'],
    'start a batch build with its own buildspec in a CodeBuild project that runs as the role',
  ),
  existing(
    'ecs-execute-command',
    'ecs-tasks.amazonaws.com',
    ['ecs:ExecuteCommand'],
    'open a shell in an ECS task that runs as the role',
  ),
  existing(
    'agentcore-invoke-code-interpreter',
    'bedrock-agentcore.amazonaws.com',
    ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    'run code in a Bedrock AgentCore code interpreter that runs as the role',
  ),
  // UpdateService changes the source (image or code) of a service and keeps its instance role, the role "your code
  // needs when it calls any AWS APIs" (apprunner/latest/api/API_UpdateService.html, API_InstanceConfiguration.html).
  existing(
    'apprunner-update-service',
    'tasks.apprunner.amazonaws.com',
    ['apprunner:UpdateService'],
    'deploy its own code to an App Runner service that runs as the role',
  ),
  // A lifecycle configuration's OnStart script runs on the notebook instance, which holds its role, each time it
  // starts (sagemaker/latest/APIReference/API_CreateNotebookInstanceLifecycleConfig.html,
  // API_UpdateNotebookInstance.html, sagemaker/latest/dg/notebook-lifecycle-config.html).
  existing(
    'sagemaker-notebook-lifecycle',
    'sagemaker.amazonaws.com',
    [
      'sagemaker:CreateNotebookInstanceLifecycleConfig',
      'sagemaker:StopNotebookInstance',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:StartNotebookInstance',
    ],
    'add a start-up script to a SageMaker notebook that runs as the role, and restart it',
  ),
];

/** A representative resource ARN for probing an action (statements scoped to other names do not match). */
export function probeResource(action: string, partition: string, account: string): string {
  const a = action.toLowerCase();
  const region = 'us-east-1';
  if (a.startsWith('lambda:')) return `arn:${partition}:lambda:${region}:${account}:function:rampart-probe`;
  if (a === 'ec2:runinstances') return `arn:${partition}:ec2:${region}:${account}:instance/*`;
  if (a === 'ec2:requestspotinstances')
    return `arn:${partition}:ec2:${region}:${account}:spot-instances-request/*`;
  if (a === 'ec2:createlaunchtemplateversion' || a === 'ec2:modifylaunchtemplate')
    return `arn:${partition}:ec2:${region}:${account}:launch-template/lt-0rampartprobe`;
  if (a.startsWith('ec2:') || a.startsWith('ssm:') || a.startsWith('ec2-instance-connect:')) {
    return `arn:${partition}:ec2:${region}:${account}:instance/i-0rampartprobe`;
  }
  if (a.startsWith('cloudformation:') && (a.includes('stackset') || a.includes('stackinstances'))) {
    return `arn:${partition}:cloudformation:${region}:${account}:stackset/rampart-probe:00000000-0000-0000-0000-000000000000`;
  }
  if (a.startsWith('cloudformation:')) {
    return `arn:${partition}:cloudformation:${region}:${account}:stack/rampart-probe/00000000-0000-0000-0000-000000000000`;
  }
  if (a.startsWith('glue:') && a.includes('devendpoint')) {
    return `arn:${partition}:glue:${region}:${account}:devEndpoint/rampart-probe`;
  }
  if (a === 'glue:createtrigger') return `arn:${partition}:glue:${region}:${account}:trigger/rampart-probe`;
  if (a.startsWith('glue:')) return `arn:${partition}:glue:${region}:${account}:job/rampart-probe`;
  if (a.startsWith('sagemaker:')) {
    const type = a.includes('lifecycleconfig')
      ? 'notebook-instance-lifecycle-config'
      : a.includes('notebook')
        ? 'notebook-instance'
        : a.includes('training')
          ? 'training-job'
          : 'processing-job';
    return `arn:${partition}:sagemaker:${region}:${account}:${type}/rampart-probe`;
  }
  if (a.startsWith('codebuild:'))
    return `arn:${partition}:codebuild:${region}:${account}:project/rampart-probe`;
  if (a === 'ecs:updateservice')
    return `arn:${partition}:ecs:${region}:${account}:service/rampart-probe/rampart-probe`;
  if (a.startsWith('ecs:'))
    return `arn:${partition}:ecs:${region}:${account}:task-definition/rampart-probe:1`;
  if (a.startsWith('bedrock-agentcore:'))
    return `arn:${partition}:bedrock-agentcore:${region}:${account}:code-interpreter/rampart-probe`;
  if (a === 'apprunner:updateservice') {
    return `arn:${partition}:apprunner:${region}:${account}:service/rampart-probe/00000000000000000000000000000000`;
  }
  if (a.startsWith('iam:createrole')) return `arn:${partition}:iam::${account}:role/rampart-probe`;
  return '*';
}

/**
 * Requests that an administrator can make; "full" admin means all of them are allowed on any resource.
 * They span IAM, Organizations, STS, data, compute, keys and logging, so a NotAction that only leaves out
 * a harmless service still counts as full admin, while `NotAction: iam:*` (PowerUserAccess) does not.
 */
export function fullAdminProbes(partition: string, account: string): [string, string][] {
  const p = partition;
  const a = account;
  const r = 'us-east-1';
  return [
    ['iam:CreateUser', `arn:${p}:iam::${a}:user/rampart-probe`],
    ['iam:AttachRolePolicy', `arn:${p}:iam::${a}:role/rampart-probe`],
    ['iam:PutUserPolicy', `arn:${p}:iam::${a}:user/rampart-probe`],
    ['iam:CreateAccessKey', `arn:${p}:iam::${a}:user/rampart-probe`],
    ['iam:DeleteRole', `arn:${p}:iam::${a}:role/rampart-probe`],
    ['organizations:LeaveOrganization', '*'],
    ['account:PutAlternateContact', `arn:${p}:account::${a}:account`],
    ['sts:AssumeRole', `arn:${p}:iam::${a}:role/rampart-probe`],
    ['s3:GetObject', `arn:${p}:s3:::rampart-probe-bucket/probe`],
    ['s3:PutBucketPolicy', `arn:${p}:s3:::rampart-probe-bucket`],
    ['ec2:RunInstances', `arn:${p}:ec2:${r}:${a}:instance/*`],
    ['ec2:TerminateInstances', `arn:${p}:ec2:${r}:${a}:instance/i-0rampartprobe`],
    ['kms:ScheduleKeyDeletion', `arn:${p}:kms:${r}:${a}:key/00000000-0000-0000-0000-000000000000`],
    ['lambda:CreateFunction', `arn:${p}:lambda:${r}:${a}:function:rampart-probe`],
    ['cloudtrail:StopLogging', `arn:${p}:cloudtrail:${r}:${a}:trail/rampart-probe`],
    ['dynamodb:DeleteTable', `arn:${p}:dynamodb:${r}:${a}:table/rampart-probe`],
    ['rds:DeleteDBInstance', `arn:${p}:rds:${r}:${a}:db:rampart-probe`],
    ['secretsmanager:GetSecretValue', `arn:${p}:secretsmanager:${r}:${a}:secret:rampart-probe-AbCdEf`],
    ['logs:DeleteLogGroup', `arn:${p}:logs:${r}:${a}:log-group:rampart-probe`],
    ['guardduty:DeleteDetector', `arn:${p}:guardduty:${r}:${a}:detector/rampart-probe`],
  ];
}

export const ADMINISTRATOR_ACCESS = (partition: string) =>
  `arn:${partition}:iam::aws:policy/AdministratorAccess`;
