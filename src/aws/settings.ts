import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { SharedConfigFiles } from '@smithy/types';
import { regionProblem } from './regions.js';

/** What the user asked for on the command line; the CLI passes the environment in explicitly. */
export interface SettingsInput {
  profile?: string | undefined;
  region?: string | undefined;
  endpointUrl?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

export interface AwsSettings {
  profile?: string;
  region: string;
  /** Where the region came from, for the "running as" line. */
  regionSource: '--region' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default';
  /** Explicit endpoint for every client (--endpoint-url); env AWS_ENDPOINT_URL is honoured by the SDK itself. */
  endpointUrl?: string;
  /** Endpoint for the CUR client, which ignores AWS_ENDPOINT_URL: resolved here. */
  curEndpointUrl?: string;
  warnings: string[];
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** A value that says something: unset, empty and blank are all none (the SDK treats them so). */
export const nonEmpty = (v: string | undefined): string | undefined =>
  v && v.trim() !== '' ? v.trim() : undefined;

/**
 * An endpoint URL as Rampart prints it (progress lines, errors): a user name and password in it
 * (http://user:secret@proxy:8080, as an authenticating proxy or emulator takes them) become `***`, so a CI log
 * never holds them.
 */
export function endpointForDisplay(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}

function validateEndpoint(url: string, origin: string): string {
  const expected = 'expected an http(s) URL such as http://127.0.0.1:5000';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SettingsError(`${origin}: '${endpointForDisplay(url)}' is not a URL; ${expected}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SettingsError(`${origin}: '${endpointForDisplay(url)}' is not an http(s) URL; ${expected}`);
  }
  return url;
}

/**
 * The SDK reads AWS_ENDPOINT_URL_<SERVICE> for each client itself; the names come from the service ids of the
 * clients Rampart makes (a variable for another service is never read, so never refused).
 */
const ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL',
  ...['ACCESSANALYZER', 'ACCOUNT', 'BCM_DATA_EXPORTS', 'BUDGETS', 'CLOUDTRAIL', 'CLOUDWATCH', 'CLOUDWATCH_LOGS',
    'COST_AND_USAGE_REPORT_SERVICE', 'EVENTBRIDGE', 'IAM', 'ORGANIZATIONS', 'S3', 'SNS', 'STS',
  ].map((id) => `AWS_ENDPOINT_URL_${id}`),
]; // prettier-ignore

/** AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true: the SDK then reads none of the endpoint variables. */
const endpointsIgnored = (env: SettingsInput['env']): boolean =>
  env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true';

/**
 * Checks every endpoint variable the SDK would use, so a typo is one line naming the variable before any AWS
 * call (the SDK otherwise fails later with a bare "Invalid URL", or not at all for a service called late).
 */
function validateEndpointVariables(env: SettingsInput['env']): void {
  if (endpointsIgnored(env)) return;
  for (const name of ENDPOINT_VARIABLES) {
    const url = nonEmpty(env[name]);
    if (url) validateEndpoint(url, name);
  }
}

/**
 * Resolves profile, region and endpoint the way the AWS CLI does:
 * --profile > AWS_PROFILE; --region > AWS_REGION > AWS_DEFAULT_REGION > profile region > us-east-1.
 */
export async function resolveSettings(input: SettingsInput): Promise<AwsSettings> {
  const env = input.env;
  const warnings: string[] = [];
  const profile = nonEmpty(input.profile) ?? nonEmpty(env.AWS_PROFILE);

  let profileRegion: string | undefined;
  {
    const files: SharedConfigFiles = await loadSharedConfigFiles({ ignoreCache: true }).catch(() => ({
      configFile: {},
      credentialsFile: {},
    }));
    const name = profile ?? 'default';
    const inConfig = files.configFile[name];
    const inCredentials = files.credentialsFile[name];
    if (profile !== undefined && !inConfig && !inCredentials) {
      const origin = nonEmpty(input.profile) ? '--profile' : 'AWS_PROFILE';
      throw new SettingsError(
        `${origin}: profile '${profile}' is not in ${env.AWS_CONFIG_FILE ?? '~/.aws/config'} or ${
          env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials'
        }`,
      );
    }
    profileRegion = nonEmpty(inConfig?.region) ?? nonEmpty(inCredentials?.region);
  }
  if (profile !== undefined && nonEmpty(env.AWS_ACCESS_KEY_ID)) {
    warnings.push(
      `both profile '${profile}' and AWS_ACCESS_KEY_ID are set; using the profile (the SDK skips environment keys when a profile is set)`,
    );
  }

  const candidates: [string | undefined, Exclude<AwsSettings['regionSource'], 'default'>][] = [
    [nonEmpty(input.region), '--region'],
    [nonEmpty(env.AWS_REGION), 'AWS_REGION'],
    [nonEmpty(env.AWS_DEFAULT_REGION), 'AWS_DEFAULT_REGION'],
    [profileRegion, 'profile'],
  ];
  let region = 'us-east-1';
  let regionSource: AwsSettings['regionSource'] = 'default';
  for (const [value, source] of candidates) {
    if (value !== undefined) {
      region = value;
      regionSource = source;
      break;
    }
  }
  const problem = regionProblem(region);
  if (problem) throw new SettingsError(`${regionSource === 'default' ? 'region' : regionSource}: ${problem}`);
  if (regionSource === 'default') {
    warnings.push('no region configured (--region, AWS_REGION, profile); using us-east-1');
  }

  const endpointUrl = nonEmpty(input.endpointUrl);
  // --endpoint-url goes to every client explicitly, so the variables are then unused.
  if (endpointUrl) validateEndpoint(endpointUrl, '--endpoint-url');
  else validateEndpointVariables(env);
  const curEndpointUrl =
    endpointUrl ??
    (endpointsIgnored(env)
      ? undefined
      : (nonEmpty(env.AWS_ENDPOINT_URL_COST_AND_USAGE_REPORT_SERVICE) ?? nonEmpty(env.AWS_ENDPOINT_URL)));

  return {
    ...(profile !== undefined ? { profile } : {}),
    region,
    regionSource,
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(curEndpointUrl ? { curEndpointUrl } : {}),
    warnings,
  };
}
