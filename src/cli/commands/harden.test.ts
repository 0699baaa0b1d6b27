import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig } from '../../config/load.js';
import type { RampartConfig } from '../../config/types.js';
import passwordPolicy from '../../remediation/actions/iam-set-password-policy.js';
import { resolveInputs, type HardenFlags } from './harden.js';

const flags = (f: Partial<HardenFlags> = {}): HardenFlags => ({ output: 'table', ...f });
const withConfig = (json: Parameters<typeof resolveConfig>[0]): RampartConfig =>
  resolveConfig(json, { file: '/proj/rampart.config.json' });

describe('harden inputs: flags > config > defaults', () => {
  it('defaults without flags or config', () => {
    expect(resolveInputs(flags(), DEFAULT_CONFIG, '/proj')).toEqual({
      adminGroup: 'Administrators',
      accessKeys: false,
      passwordMinLength: 14,
      passwordReusePrevention: 24,
      trailCloudWatchLogs: false,
      secretsDir: '.',
      showSecrets: false,
    });
  });

  it('takes every field from the config, secretsDir relative to the config file', () => {
    const config = withConfig({
      harden: {
        adminUser: 'JSmith',
        adminGroup: 'Admins',
        alias: 'acme-prod',
        securityEmail: 'security@example.com',
        securityPhone: '+1 555 0100',
        passwordMaxAgeDays: 90,
        accessKeys: true,
        trailKmsKey: 'alias/trail',
        trailCloudWatchLogs: true,
        secretsDir: 'secrets',
      },
    });
    expect(resolveInputs(flags(), config, '/proj/sub')).toEqual({
      adminUser: 'JSmith',
      adminGroup: 'Admins',
      alias: 'acme-prod',
      securityEmail: 'security@example.com',
      securityPhone: '+1 555 0100',
      passwordMaxAgeDays: 90,
      passwordMinLength: 14,
      passwordReusePrevention: 24,
      accessKeys: true,
      trailKmsKeyId: 'alias/trail',
      trailCloudWatchLogs: true,
      secretsDir: '/proj/secrets',
      showSecrets: false,
    });
  });

  it("carries the config's password thresholds, so harden aims at the policy iam-password-policy checks", () => {
    const config = withConfig({ thresholds: { passwordMinLength: 16, passwordReusePrevention: 12 } });
    const inputs = resolveInputs(flags(), config, '/proj');
    expect(inputs).toMatchObject({ passwordMinLength: 16, passwordReusePrevention: 12 });
    // An account policy of 14 characters passes the default audit but not this config's: harden is not done.
    const policy14 = {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      PasswordReusePrevention: 24,
    };
    expect(passwordPolicy.satisfied({ policy: policy14 }, inputs)).toBe(false);
    expect(
      passwordPolicy.satisfied({ policy: policy14 }, resolveInputs(flags(), DEFAULT_CONFIG, '/proj')),
    ).toBe(true);
    expect(
      passwordPolicy.describe({ policy: policy14 }, inputs, { accountId: '1', region: 'r' }).after[0],
    ).toContain('at least 16 characters');
  });

  it('flags override the config', () => {
    const config = withConfig({
      harden: { adminUser: 'JSmith', alias: 'acme-prod', passwordMaxAgeDays: 90 },
    });
    const inputs = resolveInputs(
      flags({ adminUser: 'AJones', alias: 'acme-dev', passwordMaxAge: '60', secretsDir: 'here' }),
      config,
      '/proj',
    );
    expect(inputs).toMatchObject({
      adminUser: 'AJones',
      alias: 'acme-dev',
      passwordMaxAgeDays: 60,
      secretsDir: 'here',
    });
  });

  it('refuses an --admin-user outside the naming standard, naming the flag and the expected pattern', () => {
    const config = withConfig({ namingStandard: { preset: 'company-id', companyPrefix: 'SF' } });
    expect(() => resolveInputs(flags({ adminUser: 'JSmith' }), config, '/proj')).toThrow(
      "--admin-user: 'JSmith' does not follow the naming standard company-id: expected ^SF\\d{3,8}$, like SF1234 (companyPrefix + id)",
    );
    expect(resolveInputs(flags({ adminUser: 'SF1234' }), config, '/proj').adminUser).toBe('SF1234');
  });

  it('judges a config admin user against the standard too, naming the file and field', () => {
    const config = withConfig({
      namingStandard: { preset: 'initial-last', exemptions: ['breakglass-*'] },
      harden: { adminUser: 'john.smith' },
    });
    expect(() => resolveInputs(flags(), config, '/proj')).toThrow(
      /^rampart\.config\.json: harden\.adminUser: 'john\.smith' does not follow the naming standard initial-last: expected /,
    );
    // Exemptions count, as in the audit.
    expect(resolveInputs(flags({ adminUser: 'breakglass-1' }), config, '/proj').adminUser).toBe(
      'breakglass-1',
    );
  });

  it("uses the config's shared-user words", () => {
    const config = withConfig({ sharedUserWords: { words: ['payroll'] } });
    expect(() => resolveInputs(flags({ adminUser: 'PayrollClerk' }), config, '/proj')).toThrow(
      "--admin-user: 'PayrollClerk' looks like a shared or role user ('payroll')",
    );
  });

  it('refuses bad flag values with the flag named', () => {
    expect(() => resolveInputs(flags({ alias: 'Acme' }), DEFAULT_CONFIG, '/')).toThrow(/^--alias: /);
    expect(() => resolveInputs(flags({ adminGroup: 'a b' }), DEFAULT_CONFIG, '/')).toThrow(
      /^--admin-group: /,
    );
    expect(() => resolveInputs(flags({ securityEmail: 'x' }), DEFAULT_CONFIG, '/')).toThrow(
      /^--security-email: /,
    );
    expect(() => resolveInputs(flags({ securityPhone: 'call me' }), DEFAULT_CONFIG, '/')).toThrow(
      /^--security-phone: /,
    );
    expect(() => resolveInputs(flags({ passwordMaxAge: '90d' }), DEFAULT_CONFIG, '/')).toThrow(
      "--password-max-age: '90d' must be a whole number of days from 1 to 1095",
    );
    expect(() => resolveInputs(flags({ passwordMaxAge: '0' }), DEFAULT_CONFIG, '/')).toThrow(
      /^--password-max-age: /,
    );
  });

  it('refuses a --trail-kms-key that is no KMS key reference, naming the flag and the forms it takes', () => {
    for (const bad of ['my-key', 'arn:aws:s3:::bucket', 'arn:aws:kms:eu-west-1:123:key/x', 'alias/', ' alias/k']) {
      expect(() => resolveInputs(flags({ trailKmsKey: bad }), DEFAULT_CONFIG, '/')).toThrow(
        `--trail-kms-key: '${bad}' is not a KMS key: expected a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), an alias ARN (arn:aws:kms:REGION:ACCOUNT:alias/NAME), a key id (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-…) or alias/NAME`,
      );
    }
    for (const good of [
      'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab',
      'arn:aws:kms:eu-west-1:123456789012:alias/trail-logs',
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      'alias/trail/logs_2',
    ]) {
      expect(resolveInputs(flags({ trailKmsKey: good }), DEFAULT_CONFIG, '/').trailKmsKeyId).toBe(good);
    }
  }); // prettier-ignore
});
