import { describe, expect, it } from 'vitest';
import { identityCollector } from '../collectors/identity.js';
import { COLLECTORS } from '../collectors/registry.js';
import { ACTIONS } from './actions/index.js';
import { auditActions, hardenActions, permissionsPolicy } from './permissions.js';

describe('rampart permissions', () => {
  it('audit: exactly what identity and the collectors declare, read-only', () => {
    const declared = new Set([...identityCollector.actions, ...COLLECTORS.flatMap((c) => c.actions)]);
    expect(new Set(auditActions())).toEqual(declared);
    for (const a of auditActions())
      expect(a).toMatch(/:(Get|List|Describe|View|Lookup|GenerateCredentialReport)/);
    expect(permissionsPolicy('audit')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'RampartAuditReadOnly', Effect: 'Allow', Action: auditActions(), Resource: '*' }],
    });
  });

  it('harden: the audit plus every action permission, each once, sorted; fits a managed policy', () => {
    const policy = permissionsPolicy('harden') as { Statement: { Action: string[] }[] };
    const all = policy.Statement.flatMap((s) => s.Action);
    for (const a of ACTIONS.flatMap((x) => x.permissions)) expect(all).toContain(a);
    expect(new Set(all).size).toBe(all.length);
    expect(hardenActions()).toEqual([...hardenActions()].sort());
    expect(JSON.stringify(policy).length).toBeLessThan(6144);
  });
});
