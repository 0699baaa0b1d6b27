import { PERMISSION_TARGETS, permissionsPolicy } from '../../remediation/permissions.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { parseChoice } from './audit.js';

export interface PermissionsFlags {
  for: string;
}

/** `rampart permissions --for audit|harden`: the least-privilege IAM policy, generated from the declarations. */
export function permissionsCommand(flags: PermissionsFlags, io: CliIo): number {
  const target = parseChoice(flags.for, PERMISSION_TARGETS, '--for');
  io.stdout.write(`${JSON.stringify(permissionsPolicy(target), null, 2)}\n`);
  return EXIT.ok;
}
