import iamGroupsGrantPermissions from './iam-groups-grant-permissions.js';
import iamIndividualUsers from './iam-individual-users.js';
import iamPasswordPolicy from './iam-password-policy.js';

export const iamChecks = [iamIndividualUsers, iamGroupsGrantPermissions, iamPasswordPolicy];
