import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentityProvider, Logger, SharedConfigFiles } from '@smithy/types';
import { nonEmpty } from './settings.js';

/** A profile's credential_process failed: the run cannot have credentials, and the user can fix that process. */
export class CredentialProcessError extends Error {
  override name = 'CredentialProcessError';
  constructor(
    readonly profile: string,
    what: string,
  ) {
    super(`profile '${profile}': its credential_process ${what}`);
  }
}

/** Long enough for a tool's error line, short enough to stay one line of output. */
const MAX_DETAIL = 200;

/**
 * What a provider-error debug line says about a credential_process, if it is one: the process failed (its first
 * stderr line) or printed something unusable. The SDK's provider chain moves on after such an error and ends
 * with "Could not load credentials from any providers"; its debug log is the only place the reason survives.
 */
export function processFailure(line: string): { profile?: string; what: string } | undefined {
  const message = line.replace(/^@smithy\/property-provider (->|\(!\)) /, '');
  if (message.startsWith('Command failed: ')) {
    // "Command failed: CMD\n<stderr>": the command line is left out (it may carry arguments the user keeps private).
    const first = message
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .find((l) => l !== '');
    return { what: first ? `failed: ${first.slice(0, MAX_DETAIL)}` : 'failed (no error output)' };
  }
  const output = /^Profile (\S+) credential_process (did not return Version 1|returned [^.]+)\.?$/.exec(
    message,
  );
  return output?.[1] && output[2] ? { profile: output[1], what: output[2] } : undefined;
}

/**
 * The profile whose credential_process runs for `profile`: itself, or the first one up its source_profile
 * chain that has one (an assume-role profile gets its source credentials that way).
 */
async function processProfile(profile: string): Promise<string> {
  const files: SharedConfigFiles = await loadSharedConfigFiles({ ignoreCache: true }).catch(() => ({
    configFile: {},
    credentialsFile: {},
  }));
  const seen = new Set<string>();
  for (let name: string | undefined = profile; name && !seen.has(name);) {
    seen.add(name);
    const section: Record<string, string | undefined> = {
      ...files.credentialsFile[name],
      ...files.configFile[name],
    };
    if (section.credential_process) return name;
    name = section.source_profile;
  }
  return profile;
}

/**
 * The SDK's node provider chain (env, SSO, profiles, credential_process, container, instance metadata), with a
 * failed credential_process reported as such (CredentialProcessError) instead of "no credentials".
 */
export function credentialProvider(profile: string | undefined): AwsCredentialIdentityProvider {
  let failure: { profile?: string; what: string } | undefined;
  const logger: Logger = {
    debug: (...content: unknown[]) => {
      failure ??= processFailure(String(content[0]));
    },
    info: () => undefined,
    // What the SDK prints without a logger.
    warn: (...content: unknown[]) => {
      console.warn(...content);
    },
    error: (...content: unknown[]) => {
      console.error(...content);
    },
  };
  const chain = fromNodeProviderChain({ ...(profile ? { profile } : {}), logger });
  return async (props) => {
    try {
      return await chain(props);
    } catch (err) {
      if (!failure) throw err;
      const name =
        failure.profile ??
        (await processProfile(nonEmpty(profile) ?? nonEmpty(process.env.AWS_PROFILE) ?? 'default'));
      throw new CredentialProcessError(name, failure.what);
    }
  };
}
