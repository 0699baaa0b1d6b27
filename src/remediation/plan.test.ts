import { describe, expect, it } from 'vitest';
import { colors } from '../report/render/colors.js';
import { ACTIONS } from './actions/index.js';
import { buildPlan, type PlanInput, stableJson } from './plan.js';
import { planJson, renderPlan } from './render-plan.js';
import { TEST_INPUTS } from './testing.js';
import { type Plan, planSchema } from './types.js';

const FRESH_STATES = {
  'iam-create-admin-group': { group: 'Administrators', exists: false, adminPolicy: false, members: 0 },
  'iam-create-admin-user': {
    user: 'JSmith',
    group: 'Administrators',
    exists: false,
    inGroup: false,
    console: false,
    accessKeys: 0,
  },
  'root-delete-access-keys': { present: 1, keys: null },
  'root-enable-mfa': { mfaEnabled: false },
  'iam-set-password-policy': { policy: null },
  'iam-set-account-alias': { aliases: [], wanted: 'acme-prod' },
  'iam-enable-user-mfa': { user: 'JSmith', exists: false, devices: 0 },
  'cloudtrail-create-trail': { trails: [] },
  'alerts-security-topic': { topicArn: null, email: 'security@example.com', subscribed: false },
  'account-set-security-contact': { security: null, email: 'security@example.com' },
  'alerts-root-activity': { topicArn: null, rule: null, topicAllowsEvents: false },
};

const planInput = (callerArn = 'arn:aws:iam::123456789012:user/setup', interactive = false): PlanInput => ({
  accountId: '123456789012',
  partition: 'aws',
  region: 'us-east-1',
  callerArn,
  createdAt: '2026-01-01T00:00:00Z',
  inputs: TEST_INPUTS,
  states: FRESH_STATES,
  readErrors: {
    'billing-create-cur': 'access denied (missing permission cur:DescribeReportDefinitions): no',
  },
  findings: [
    {
      checkId: 'iam-password-policy',
      title: '',
      area: 'iam',
      status: 'fail',
      severity: 'medium',
      resource: 'x',
      message: '',
    },
    {
      checkId: 'iam-individual-users',
      title: '',
      area: 'iam',
      status: 'pass',
      severity: 'high',
      resource: 'x',
      message: '',
    },
  ],
  actions: ACTIONS,
  interactive,
});
const plan = (callerArn?: string, interactive?: boolean) => buildPlan(planInput(callerArn, interactive));

describe('buildPlan (pure)', () => {
  it('one step per action, with before/after, why, cost and user impact; valid against the plan schema', () => {
    const p = plan();
    expect(planSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(p.steps.map((s) => s.action)).toEqual(ACTIONS.map((a) => a.id));
    const pw = p.steps.find((s) => s.action === 'iam-set-password-policy');
    expect(pw).toMatchObject({ failing: ['iam-password-policy'], satisfied: false, manual: false });
    expect(pw?.describe.after.join(' ')).toContain('at least 14 characters');
    expect(p.steps.find((s) => s.action === 'iam-create-admin-user')?.failing).toEqual([]);
    expect(p.warnings).toEqual([]);
  });

  it("keeps the audit's warnings; a plan saved before plans had them still reads", () => {
    const warned = buildPlan({ ...planInput(), warnings: ['The credential report could not be read.'] });
    expect(warned.warnings).toEqual(['The credential report could not be read.']);
    expect(JSON.parse(planJson(warned))).toMatchObject({
      warnings: ['The credential report could not be read.'],
    });
    const older: Partial<Plan> = { ...warned };
    delete older.warnings;
    expect(planSchema.parse(JSON.parse(JSON.stringify(older)))).toEqual(older);
  });

  it('root-only steps are manual for an IAM caller; root key deletion is automated for root', () => {
    const asUser = plan();
    expect(asUser.steps.find((s) => s.action === 'root-delete-access-keys')?.manual).toBe(true);
    expect(asUser.steps.find((s) => s.action === 'root-enable-mfa')?.manual).toBe(true);
    const asRoot = plan('arn:aws:iam::123456789012:root');
    expect(asRoot.steps.find((s) => s.action === 'root-delete-access-keys')?.manual).toBe(false);
    expect(asRoot.steps.find((s) => s.action === 'root-enable-mfa')?.manual).toBe(true);
  });

  // MFA no longer needs a terminal: without one it creates the device and ends pending (finished with --mfa-codes).
  it('a state that could not be read blocks the step with the reason; MFA runs without a terminal too', () => {
    const p = plan();
    expect(p.steps.find((s) => s.action === 'billing-create-cur')?.blocked).toContain(
      'cur:DescribeReportDefinitions',
    );
    expect(p.steps.find((s) => s.action === 'iam-enable-user-mfa')?.blocked).toBeUndefined();
    expect(
      plan(undefined, true).steps.find((s) => s.action === 'iam-enable-user-mfa')?.blocked,
    ).toBeUndefined();
  });

  it('renders in words and as JSON with action ids and "changed"; no colour codes when off', () => {
    const text = renderPlan(plan(), colors(false));
    expect(text).toContain('nothing has been changed');
    expect(text).toContain('cost:');
    expect(text).toContain('users:');
    expect(text).not.toContain('\u001b[');
    const json = JSON.parse(planJson(plan())) as {
      steps: { action: string; changed: boolean; status: string }[];
    };
    expect(json.steps.find((s) => s.action === 'iam-set-password-policy')).toMatchObject({
      changed: true,
      status: 'todo',
    });
    expect(json.steps.find((s) => s.action === 'root-enable-mfa')).toMatchObject({
      changed: false,
      status: 'manual',
    });
  });

  it('stableJson ignores key order', () => {
    expect(stableJson({ a: 1, b: { c: 2, d: 3 } })).toBe(stableJson({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
