import iamAccessAnalyzerEnabled from './iam-access-analyzer-enabled.js';
import iamAccessKeysRotated from './iam-access-keys-rotated.js';
import iamAccountAlias from './iam-account-alias.js';
import iamCloudshellFullAccess from './iam-cloudshell-full-access.js';
import iamConsoleUsersMfa from './iam-console-users-mfa.js';
import iamExpiredServerCertificates from './iam-expired-server-certificates.js';
import iamGroupsGrantPermissions from './iam-groups-grant-permissions.js';
import iamIndividualUsers from './iam-individual-users.js';
import iamNoAccessKeysAtSetup from './iam-no-access-keys-at-setup.js';
import iamNoSharedUsers from './iam-no-shared-users.js';
import iamNoUserNamedLikeRootEmail from './iam-no-user-named-like-root-email.js';
import iamOneActiveAccessKey from './iam-one-active-access-key.js';
import iamPasswordPolicyMaxAge from './iam-password-policy-max-age.js';
import iamPasswordPolicy from './iam-password-policy.js';
import iamRolesClosedToTheInternet from './iam-roles-closed-to-the-internet.js';
import iamSupportRole from './iam-support-role.js';
import iamUniquePasswords from './iam-unique-passwords.js';
import iamUnusedCredentials from './iam-unused-credentials.js';
import iamUserNamingStandard from './iam-user-naming-standard.js';
import iamUsersMapToPeople from './iam-users-map-to-people.js';
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
  iamNoUserNamedLikeRootEmail,
  iamNoSharedUsers,
  iamUserNamingStandard,
  iamUsersMapToPeople,
  iamSupportRole,
  iamAccessAnalyzerEnabled,
  iamRolesClosedToTheInternet,
  iamCloudshellFullAccess,
  iamExpiredServerCertificates,
  iamAccountAlias,
  iamUniquePasswords,
];
