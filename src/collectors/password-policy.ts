import { GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { classifyAwsError } from '../aws/errors.js';
import { defineCollector } from './types.js';

export const passwordPolicyCollector = defineCollector({
  slice: 'passwordPolicy',
  actions: ['iam:GetAccountPasswordPolicy'],
  async collect({ pool }) {
    try {
      const out = await pool.client(IAMClient).send(new GetAccountPasswordPolicyCommand({}));
      return { PasswordPolicy: out.PasswordPolicy ?? null };
    } catch (err) {
      // NoSuchEntity means "no password policy": that is the finding, not a failure to collect.
      if (classifyAwsError(err) === 'not-found') return { PasswordPolicy: null };
      throw err;
    }
  },
});
