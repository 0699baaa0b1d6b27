import { identityCollector } from '../collectors/identity.js';
import { COLLECTORS } from '../collectors/registry.js';
import { ACTIONS } from './actions/index.js';
import { PERMISSION_TARGETS } from '../cli/choices.js';

export { PERMISSION_TARGETS };
export type PermissionTarget = (typeof PERMISSION_TARGETS)[number];

const sorted = (list: Iterable<string>): string[] => [...new Set(list)].sort();

/** IAM actions `rampart audit` calls: sts:GetCallerIdentity and every collector's declared actions. */
export function auditActions(): string[] {
  return sorted([...identityCollector.actions, ...COLLECTORS.flatMap((c) => c.actions)]);
}

/** IAM actions `rampart harden --apply` and `rampart rollback` call beyond the audit. */
export function hardenActions(): string[] {
  const audit = new Set(auditActions());
  return sorted(ACTIONS.flatMap((a) => a.permissions)).filter((a) => !audit.has(a));
}

/**
 * The least-privilege identity policy for a command, generated from what the collectors and the actions
 * declare. Resource "*": the account-level APIs involved take no resource ARN, and harden creates names.
 */
export function permissionsPolicy(target: PermissionTarget): Record<string, unknown> {
  const statements: Record<string, unknown>[] = [
    { Sid: 'RampartAuditReadOnly', Effect: 'Allow', Action: auditActions(), Resource: '*' },
  ];
  if (target === 'harden') {
    statements.push({ Sid: 'RampartHarden', Effect: 'Allow', Action: hardenActions(), Resource: '*' });
  }
  return { Version: '2012-10-17', Statement: statements };
}
