import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { defineCollector } from './types.js';

export const identityCollector = defineCollector({
  slice: 'identity',
  actions: ['sts:GetCallerIdentity'],
  async collect({ pool }) {
    const out = await pool.client(STSClient).send(new GetCallerIdentityCommand({}));
    return { Account: out.Account ?? '', Arn: out.Arn ?? '', UserId: out.UserId ?? '' };
  },
});
