import { describe, expect, it } from 'vitest';
import { endpointForDisplay, resolveSettings } from './settings.js';

const base = { AWS_REGION: 'us-east-1' };

describe('resolveSettings: endpoint URLs', () => {
  it.each([
    ['AWS_ENDPOINT_URL', 'notaurl', /^AWS_ENDPOINT_URL: 'notaurl' is not a URL; expected an http\(s\) URL/],
    ['AWS_ENDPOINT_URL', 'ftp://x', /^AWS_ENDPOINT_URL: 'ftp:\/\/x' is not an http\(s\) URL/],
    [
      'AWS_ENDPOINT_URL_STS',
      'localhost:5000',
      /^AWS_ENDPOINT_URL_STS: 'localhost:5000' is not an http\(s\) URL/,
    ],
    ['AWS_ENDPOINT_URL_IAM', 'http//127.0.0.1', /^AWS_ENDPOINT_URL_IAM: 'http\/\/127.0.0.1' is not a URL/],
    [
      'AWS_ENDPOINT_URL_COST_AND_USAGE_REPORT_SERVICE',
      'bad',
      /^AWS_ENDPOINT_URL_COST_AND_USAGE_REPORT_SERVICE: 'bad' is not a URL/,
    ],
  ])('%s=%s is one line naming the variable', async (name, value, message) => {
    await expect(resolveSettings({ env: { ...base, [name]: value } })).rejects.toThrow(message);
  });

  it('accepts http(s) URLs for the general and per-service variables', async () => {
    const s = await resolveSettings({
      env: { ...base, AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_ENDPOINT_URL_IAM: 'https://iam.local' },
    });
    expect(s.curEndpointUrl).toBe('http://127.0.0.1:5000');
  });

  it('a variable the SDK would not read is not refused', async () => {
    // A service Rampart never calls.
    await expect(
      resolveSettings({ env: { ...base, AWS_ENDPOINT_URL_DYNAMODB: 'dynamodb.local:8000' } }),
    ).resolves.toBeDefined();
    // The SDK ignores every endpoint variable then.
    const s = await resolveSettings({
      env: {
        ...base,
        AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
        AWS_ENDPOINT_URL: 'bad',
        AWS_ENDPOINT_URL_STS: 'x',
      },
    });
    expect(s.curEndpointUrl).toBeUndefined();
  });

  it('--endpoint-url is checked, and then the unused variables are not', async () => {
    await expect(resolveSettings({ endpointUrl: 'nope', env: base })).rejects.toThrow(
      /^--endpoint-url: 'nope' is not a URL/,
    );
    const s = await resolveSettings({
      endpointUrl: 'http://127.0.0.1:5000',
      env: { ...base, AWS_ENDPOINT_URL_STS: 'bad' },
    });
    expect(s.endpointUrl).toBe('http://127.0.0.1:5000');
  });
});

describe('endpointForDisplay', () => {
  it.each([
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['https://user:secret@proxy.example:8443/aws', 'https://***@proxy.example:8443/aws'],
    ['http://token@proxy.example', 'http://***@proxy.example'],
    ['http://127.0.0.1:5000/a@b', 'http://127.0.0.1:5000/a@b'],
  ])('%s is shown as %s', (url, shown) => {
    expect(endpointForDisplay(url)).toBe(shown);
  });

  it('an endpoint refused for its scheme is named without its password', async () => {
    await expect(resolveSettings({ endpointUrl: 'ftp://user:secret@host', env: base })).rejects.toThrow(
      "--endpoint-url: 'ftp://***@host' is not an http(s) URL",
    );
  });
});
