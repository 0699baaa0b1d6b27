import { isExempt, matchPerson } from '../lib/naming.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-users-map-to-people',
  title: 'Every IAM user maps to a current person in the roster',
  area: 'iam',
  severity: 'medium',
  rationale:
    'An IAM user nobody can name is either shared or left behind; a user of someone who left is an open door. ' +
    'Matching users against the employee roster finds both.',
  controls: {},
  needs: ['authorizationDetails'],
  remediation: {
    manual: [
      'Users of people who left: deactivate their access keys and console password now, then delete the user (aws iam delete-login-profile, update-access-key --status Inactive).',
      'Users that match nobody: find the owner, add the person to the roster with their userName, or delete the user.',
      'Service and break-glass users: list them in namingStandard.exemptions.',
    ],
  },
  run({ authorizationDetails }, ctx) {
    const accountResource = accountRoot(ctx);
    const roster = ctx.options.roster;
    if (!roster) {
      return [
        {
          status: 'not_applicable',
          resource: accountResource,
          message:
            'No roster is configured: point roster in rampart.config.json at a CSV of people (name, userName, email, employeeId, status).',
        },
      ];
    }
    if (authorizationDetails.UserDetailList.length === 0) {
      return [{ status: 'pass', resource: accountResource, message: 'The account has no IAM users.' }];
    }
    const standard = ctx.options.namingStandard;
    return authorizationDetails.UserDetailList.map((user) => {
      const match = matchPerson(user.UserName, roster);
      if (!match) {
        if (standard && isExempt(standard, user.UserName)) {
          return {
            status: 'pass',
            resource: user.Arn,
            message: `${user.UserName} is exempt (namingStandard.exemptions) and needs no person.`,
          };
        }
        return {
          status: 'fail',
          resource: user.Arn,
          message: `${user.UserName} matches nobody in the roster (by userName, email, employee id or name).`,
        };
      }
      const { person, how } = match;
      if (person.status === 'left') {
        return {
          status: 'fail',
          resource: user.Arn,
          severity: 'high',
          message: `${user.UserName} belongs to ${person.name}, who has left (matched by ${how}).`,
          details: { person: person.name, matchedBy: how },
        };
      }
      return {
        status: 'pass',
        resource: user.Arn,
        message: `${user.UserName} belongs to ${person.name} (matched by ${how}).`,
        details: { person: person.name, matchedBy: how },
      };
    });
  },
});
