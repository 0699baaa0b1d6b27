import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { defineCollector } from './types.js';

export const accountSummaryCollector = defineCollector({
  slice: 'accountSummary',
  actions: ['iam:GetAccountSummary'],
  async collect({ pool }) {
    const out = await pool.client(IAMClient).send(new GetAccountSummaryCommand({}));
    return { SummaryMap: out.SummaryMap ?? {} };
  },
});
