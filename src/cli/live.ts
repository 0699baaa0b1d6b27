import type { ClientPool } from '../aws/clients.js';
import { classifyAwsError, messageOf } from '../aws/errors.js';
import { endpointForDisplay, resolveSettings, SettingsError, type AwsSettings } from '../aws/settings.js';
import type { ProgressEvent } from '../collectors/collect.js';
import type { SliceName, Snapshot } from '../snapshot/schema.js';
import { CliError, EXIT } from './exit-codes.js';
import type { CliIo, Messages } from './io.js';

export interface AwsFlags {
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

export async function openSession(flags: AwsFlags, io: CliIo, msg: Messages): Promise<ClientPool> {
  let settings: AwsSettings;
  try {
    settings = await resolveSettings({ ...flags, env: io.env });
  } catch (err) {
    if (err instanceof SettingsError) throw new CliError(err.message, EXIT.usage);
    throw err;
  }
  // Like the AWS CLI, --profile acts as AWS_PROFILE: that is the only way the SDK honours a profile's
  // endpoint_url and [services] sections.
  if (settings.profile) process.env.AWS_PROFILE = settings.profile;
  for (const w of settings.warnings) msg.warn(w);
  // Loaded on demand: the AWS SDK is most of the CLI's start-up time, and offline commands never need it.
  const { ClientPool } = await import('../aws/clients.js');
  return new ClientPool(settings);
}

/** Turns a failure to identify the caller into the one line a user can act on. */
export function identityFailure(err: unknown, settings: AwsSettings): CliError {
  const kind = classifyAwsError(err);
  const detail = messageOf(err).split('\n')[0] ?? '';
  const profile = settings.profile ? ` --profile ${settings.profile}` : '';
  const endpoint = settings.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
  switch (kind) {
    case 'no-credentials':
      return new CliError(
        'no AWS credentials found: use --profile NAME or AWS_PROFILE, set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws configure` / `aws sso login`',
      );
    case 'credential-process':
      // Names the profile and the process' own first error line: the fix is in that process, not in Rampart.
      return new CliError(detail);
    case 'sso-expired':
      return new CliError(
        `the SSO session has expired or was never started: run \`aws sso login${profile}\``,
      );
    case 'expired-credentials':
      return new CliError(`the AWS session token has expired: refresh your credentials (${detail})`);
    case 'access-denied':
      return new CliError(`AWS rejected the credentials for sts:GetCallerIdentity: ${detail}`);
    case 'network':
      return new CliError(
        `cannot reach AWS${endpoint ? ` at ${endpointForDisplay(endpoint)}` : ''}: ${detail}`,
      );
    case 'region':
      return new CliError(`region problem: ${detail} (set --region or AWS_REGION)`);
    case 'unreadable-answer':
      return new CliError(
        `the answer to sts:GetCallerIdentity${endpoint ? ` from ${endpointForDisplay(endpoint)}` : ''} is not an AWS API response (is the endpoint right?): ${detail}`,
      );
    case 'throttled':
    case 'not-found':
    case 'other':
      return new CliError(`cannot identify the caller with sts:GetCallerIdentity: ${detail}`);
  }
}

function progressPrinter(io: CliIo, msg: Messages): (e: ProgressEvent) => void {
  const live = Boolean(io.stderr.isTTY) && !msg.quiet;
  let done = 0;
  return (e) => {
    if (msg.quiet || e.type === 'start') return;
    done++;
    const mark =
      e.status === 'ok' ? msg.c.green('✔') : e.status === 'error' ? msg.c.red('✘') : msg.c.gray('–');
    const detail = e.status === 'error' && e.detail ? msg.c.dim(` ${e.detail}`) : '';
    if (live) io.stderr.write(`\r\x1b[2K`);
    io.stderr.write(`  ${mark} ${e.slice}${detail}${live ? ` (${done})` : ''}\n`);
  };
}

export async function collectLive(
  pool: ClientPool,
  io: CliIo,
  msg: Messages,
  only?: readonly SliceName[],
): Promise<Snapshot> {
  const s = pool.settings;
  const endpoint = s.endpointUrl ?? io.env.AWS_ENDPOINT_URL;
  msg.info(msg.c.dim('Collecting (read-only API calls)…'));
  const print = progressPrinter(io, msg);
  const { collectSnapshot, IdentityError } = await import('../collectors/collect.js');
  try {
    const snapshot = await collectSnapshot({
      pool,
      onProgress: (e) => {
        if (e.type === 'done' && e.slice === 'identity') {
          const [, , , , account] = (e.detail ?? '').split(':');
          msg.info(
            `Running as ${msg.c.bold(e.detail ?? '?')} · account ${account ?? '?'} · region ${s.region} (${s.regionSource})` +
              (s.profile ? ` · profile ${s.profile}` : '') +
              (endpoint ? ` · endpoint ${endpointForDisplay(endpoint)}` : ''),
          );
          return;
        }
        print(e);
      },
      now: io.now,
      ...(only ? { only } : {}),
    });
    return snapshot;
  } catch (err) {
    if (err instanceof IdentityError) throw identityFailure(err.cause, s);
    throw err;
  }
}
