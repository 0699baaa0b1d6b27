import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { classifyAwsError } from '../aws/errors.js';
import { decodeCredentialReportContent, parseCredentialReport } from '../snapshot/credential-report.js';
import { defineCollector } from './types.js';
import { errorName } from './util.js';

/** Waits between polls: 0.5 s doubling to 8 s, about two minutes in all before giving up. */
export const CREDENTIAL_REPORT_BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000]; // prettier-ignore

/**
 * The IAM credential report: one row per user plus the root user (password, MFA, access keys, last use).
 * AWS generates it at most every 4 hours and serves the cached one in between; GeneratedTime says how old
 * it is. Generation is asynchronous, so: Generate, then poll Get (and Generate again) with backoff.
 */
export const credentialReportCollector = defineCollector({
  slice: 'credentialReport',
  actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  async collect({ pool, sleep }) {
    const iam = pool.client(IAMClient);
    let generate = true;
    for (let attempt = 0; ; attempt++) {
      let ready = true;
      if (generate) {
        generate = false;
        try {
          const gen = await iam.send(new GenerateCredentialReportCommand({}));
          ready = gen.State === 'COMPLETE';
        } catch (err) {
          // LimitExceeded: a generation is already running for this account (the SDK does not retry it).
          if (classifyAwsError(err) !== 'throttled') throw err;
          ready = false;
        }
      }
      if (ready) {
        try {
          const out = await iam.send(new GetCredentialReportCommand({}));
          if (out.Content === undefined) throw new Error('GetCredentialReport returned no Content');
          if (out.ReportFormat !== undefined && out.ReportFormat !== 'text/csv') {
            throw new Error(
              `GetCredentialReport returned format ${String(out.ReportFormat)}, expected text/csv`,
            );
          }
          return {
            GeneratedTime: (out.GeneratedTime ?? new Date(0)).toISOString(),
            rows: parseCredentialReport(decodeCredentialReportContent(out.Content), 'GetCredentialReport'),
          };
        } catch (err) {
          const name = errorName(err);
          if (name === 'ReportExpired' || name === 'ReportNotPresent') generate = true;
          else if (name !== 'ReportInProgress' && classifyAwsError(err) !== 'throttled') throw err;
        }
      }
      const wait = CREDENTIAL_REPORT_BACKOFF_MS[attempt];
      if (wait === undefined) {
        throw new Error('the credential report was still not ready after about two minutes; try again later');
      }
      await sleep(wait);
    }
  },
});
