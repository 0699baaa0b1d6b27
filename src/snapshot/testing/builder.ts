import type { CredentialReportRow, PasswordPolicy } from '../aws-shapes.js';
import {
  SNAPSHOT_SCHEMA_VERSION,
  SLICE_NAMES,
  type SliceData,
  type SliceName,
  type Slices,
  type Snapshot,
} from '../schema.js';
import type { Slice } from '../slice.js';

// Test-only: builds consistent snapshots (credential report, authorization details and account summary agree).

export const TEST_ACCOUNT = '123456789012';
export const TEST_NOW = new Date('2026-11-23T12:00:00Z');

export interface KeySpec {
  active?: boolean;
  lastRotated?: string;
  lastUsed?: string;
}

export interface RootSpec {
  mfa?: boolean;
  accessKeys?: KeySpec[];
  passwordLastUsed?: string;
}

export interface UserSpec {
  console?: boolean;
  mfa?: boolean;
  groups?: string[];
  attached?: string[];
  inline?: Record<string, unknown>;
  accessKeys?: KeySpec[];
  passwordLastUsed?: string;
  created?: string;
}

const NA = 'N/A';

function keyColumns(keys: KeySpec[] = []): Partial<CredentialReportRow> {
  const out: Record<string, string> = {};
  for (const slot of [1, 2] as const) {
    const k = keys[slot - 1];
    out[`access_key_${slot}_active`] = k?.active === false ? 'false' : k ? 'true' : 'false';
    out[`access_key_${slot}_last_rotated`] = k ? (k.lastRotated ?? '2026-10-01T00:00:00+00:00') : NA;
    out[`access_key_${slot}_last_used_date`] = k?.lastUsed ?? NA;
    out[`access_key_${slot}_last_used_region`] = k?.lastUsed ? 'us-east-1' : NA;
    out[`access_key_${slot}_last_used_service`] = k?.lastUsed ? 'iam' : NA;
  }
  return out;
}

function row(user: string, arn: string, fields: Partial<CredentialReportRow>): CredentialReportRow {
  return {
    user,
    arn,
    user_creation_time: '2026-01-01T00:00:00+00:00',
    password_enabled: 'false',
    password_last_used: NA,
    password_last_changed: NA,
    password_next_rotation: NA,
    mfa_active: 'false',
    ...keyColumns(),
    cert_1_active: 'false',
    cert_1_last_rotated: NA,
    cert_2_active: 'false',
    cert_2_last_rotated: NA,
    ...fields,
  } as CredentialReportRow;
}

export class SnapshotBuilder {
  private rootSpec: RootSpec = {};
  private users = new Map<string, UserSpec>();
  private groups = new Map<string, { attached: string[]; inline: Record<string, unknown> }>();
  private policy: PasswordPolicy | null = null;
  private overrides: Partial<Slices> = {};

  constructor(private readonly accountId = TEST_ACCOUNT) {}

  root(spec: RootSpec): this {
    this.rootSpec = spec;
    return this;
  }

  user(name: string, spec: UserSpec = {}): this {
    this.users.set(name, spec);
    for (const g of spec.groups ?? []) if (!this.groups.has(g)) this.group(g);
    return this;
  }

  group(name: string, spec: { attached?: string[]; inline?: Record<string, unknown> } = {}): this {
    this.groups.set(name, { attached: spec.attached ?? [], inline: spec.inline ?? {} });
    return this;
  }

  passwordPolicy(policy: PasswordPolicy | null): this {
    this.policy = policy;
    return this;
  }

  /** Replace a slice wholesale (ok data, error or skipped). */
  slice<K extends SliceName>(name: K, value: Slice<SliceData[K]>): this {
    (this.overrides as Record<string, unknown>)[name] = value;
    return this;
  }

  /** The slice could not be read: AccessDenied on `action` (a check must then be `error`, naming it). */
  denied(name: SliceName, action: string): this {
    return this.slice(name, deniedSlice(action));
  }

  build(): Snapshot {
    const acct = this.accountId;
    const policyArn = (name: string) => (name.startsWith('arn:') ? name : `arn:aws:iam::aws:policy/${name}`);
    const rootKeys = this.rootSpec.accessKeys ?? [];
    const rows: CredentialReportRow[] = [
      row('<root_account>', `arn:aws:iam::${acct}:root`, {
        password_enabled: 'not_supported',
        password_last_used: this.rootSpec.passwordLastUsed ?? NA,
        password_last_changed: 'not_supported',
        password_next_rotation: 'not_supported',
        mfa_active: this.rootSpec.mfa ? 'true' : 'false',
        ...keyColumns(rootKeys),
      }),
    ];
    const userDetails: SliceData['authorizationDetails']['UserDetailList'] = [];
    let i = 0;
    for (const [name, spec] of this.users) {
      i++;
      const arn = `arn:aws:iam::${acct}:user/${name}`;
      rows.push(
        row(name, arn, {
          user_creation_time: spec.created ?? '2026-01-01T00:00:00+00:00',
          password_enabled: spec.console ? 'true' : 'false',
          password_last_used: spec.console ? (spec.passwordLastUsed ?? 'no_information') : NA,
          password_last_changed: spec.console ? '2026-01-01T00:00:00+00:00' : NA,
          mfa_active: spec.mfa ? 'true' : 'false',
          ...keyColumns(spec.accessKeys),
        }),
      );
      userDetails.push({
        UserName: name,
        UserId: `AIDA${String(i).padStart(17, '0')}`,
        Arn: arn,
        Path: '/',
        CreateDate: spec.created ?? '2026-01-01T00:00:00Z',
        GroupList: spec.groups ?? [],
        AttachedManagedPolicies: (spec.attached ?? []).map((p) => ({
          PolicyName: p.split('/').pop() ?? p,
          PolicyArn: policyArn(p),
        })),
        UserPolicyList: Object.entries(spec.inline ?? {}).map(([PolicyName, PolicyDocument]) => ({
          PolicyName,
          PolicyDocument,
        })),
      });
    }
    const groupDetails = [...this.groups].map(([name, g], n) => ({
      GroupName: name,
      GroupId: `AGPA${String(n + 1).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${acct}:group/${name}`,
      Path: '/',
      AttachedManagedPolicies: g.attached.map((p) => ({
        PolicyName: p.split('/').pop() ?? p,
        PolicyArn: policyArn(p),
      })),
      GroupPolicyList: Object.entries(g.inline).map(([PolicyName, PolicyDocument]) => ({
        PolicyName,
        PolicyDocument,
      })),
    }));
    const mfaUsers = [...this.users.values()].filter((u) => u.mfa).length;
    const slices: Partial<Slices> = {
      identity: {
        status: 'ok',
        data: { Account: acct, Arn: `arn:aws:iam::${acct}:user/auditor`, UserId: 'AIDAAUDITOR' },
      },
      accountSummary: {
        status: 'ok',
        data: {
          SummaryMap: {
            AccountMFAEnabled: this.rootSpec.mfa ? 1 : 0,
            AccountAccessKeysPresent: rootKeys.some((k) => k.active !== false) ? 1 : 0,
            Users: this.users.size,
            Groups: this.groups.size,
            MFADevicesInUse: mfaUsers + (this.rootSpec.mfa ? 1 : 0),
            Providers: 0,
          },
        },
      },
      credentialReport: { status: 'ok', data: { GeneratedTime: '2026-11-23T11:00:00Z', rows } },
      authorizationDetails: {
        status: 'ok',
        data: {
          UserDetailList: userDetails,
          GroupDetailList: groupDetails,
          RoleDetailList: [],
          Policies: [],
        },
      },
      passwordPolicy: { status: 'ok', data: { PasswordPolicy: this.policy } },
      ...this.overrides,
    };
    const all = slices as Record<string, unknown>;
    for (const name of SLICE_NAMES) all[name] ??= { status: 'skipped', reason: 'not built' };
    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      meta: {
        generatedAt: TEST_NOW.toISOString(),
        source: 'fixture',
        accountId: acct,
        partition: 'aws',
        tool: { name: 'rampart', version: 'test' },
      },
      slices: slices as Slices,
    };
  }
}

/** A slice that could not be read: AccessDenied on `action`. */
export const deniedSlice = (action: string) =>
  ({ status: 'error', error: { kind: 'access-denied', message: 'denied', action } }) as const;

export const snapshot = (accountId?: string) => new SnapshotBuilder(accountId);

export const CIS_PASSWORD_POLICY: PasswordPolicy = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  ExpirePasswords: false,
  PasswordReusePrevention: 24,
};
