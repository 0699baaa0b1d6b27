import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { credentialProvider, CredentialProcessError, processFailure } from './credentials.js';
import { classifyAwsError } from './errors.js';

describe('processFailure (the SDK provider debug line of a credential_process)', () => {
  it.each([
    [
      '@smithy/property-provider -> Command failed: /opt/helper --token abc\nsession expired: log in\nmore\n',
      { what: 'failed: session expired: log in' },
    ],
    ['@smithy/property-provider -> Command failed: false\n', { what: 'failed (no error output)' }],
    [
      '@smithy/property-provider -> Profile dev credential_process returned invalid JSON.',
      { profile: 'dev', what: 'returned invalid JSON' },
    ],
    [
      '@smithy/property-provider -> Profile dev credential_process did not return Version 1.',
      { profile: 'dev', what: 'did not return Version 1' },
    ],
  ])('%j', (line, expected) => {
    expect(processFailure(line)).toEqual(expected);
  });

  it('ignores the other providers, including a profile without credential_process', () => {
    expect(
      processFailure('@smithy/property-provider -> Profile dev did not contain credential_process.'),
    ).toBe(undefined);
    expect(processFailure('@aws-sdk/credential-provider-node - defaultProvider::fromProcess')).toBe(
      undefined,
    );
  });
});

describe('credentialProvider with a credential_process profile (no AWS call)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-credentials-'));
  const script = (name: string, body: string): string => {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o700);
    return file;
  };
  const config = join(dir, 'config');
  writeFileSync(
    config,
    [
      '[profile broken]',
      `credential_process = ${script('broken.sh', 'echo "token expired: run login-helper" >&2\necho second >&2\nexit 1')}`,
      '[profile silent]',
      'credential_process = false',
      '[profile role]',
      'role_arn = arn:aws:iam::123456789012:role/audit',
      'source_profile = broken',
      '[profile good]',
      `credential_process = ${script('good.sh', `echo '{"Version":1,"AccessKeyId":"AKIDEXAMPLE","SecretAccessKey":"not-a-secret"}'`)}`,
      '',
    ].join('\n'),
  );
  const credentials = join(dir, 'credentials');
  writeFileSync(credentials, '');

  beforeEach(() => {
    vi.stubEnv('AWS_CONFIG_FILE', config);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_PROFILE', '');
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', '');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', '');
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', '');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ['broken', "profile 'broken': its credential_process failed: token expired: run login-helper"],
    ['silent', "profile 'silent': its credential_process failed (no error output)"],
    // An assume-role profile: the process is its source profile's.
    ['role', "profile 'broken': its credential_process failed: token expired: run login-helper"],
  ])('%s: names the profile and the process error, not "no credentials"', async (profile, message) => {
    const err: unknown = await credentialProvider(profile)().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialProcessError);
    expect((err as Error).message).toBe(message);
    expect(classifyAwsError(err)).toBe('credential-process');
  });

  it('a working process gives its credentials', async () => {
    await expect(credentialProvider('good')()).resolves.toMatchObject({ accessKeyId: 'AKIDEXAMPLE' });
  });
});
