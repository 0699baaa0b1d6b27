import iamAccessKeysRotated from './iam-access-keys-rotated.js';
import iamConsoleUsersMfa from './iam-console-users-mfa.js';
import iamGroupsGrantPermissions from './iam-groups-grant-permissions.js';
import iamIndividualUsers from './iam-individual-users.js';
import iamNoAccessKeysAtSetup from './iam-no-access-keys-at-setup.js';
import iamOneActiveAccessKey from './iam-one-active-access-key.js';
import iamPasswordPolicyMaxAge from './iam-password-policy-max-age.js';
import iamPasswordPolicy from './iam-password-policy.js';
import iamUnusedCredentials from './iam-unused-credentials.js';
import iamUsersMfa from './iam-users-mfa.js';

export const iamChecks = [
  iamIndividualUsers,
  iamGroupsGrantPermissions,
  iamPasswordPolicy,
  iamPasswordPolicyMaxAge,
  iamConsoleUsersMfa,
  iamUsersMfa,
  iamUnusedCredentials,
  iamAccessKeysRotated,
  iamOneActiveAccessKey,
  iamNoAccessKeysAtSetup,
];
