import rootAccessKeysAbsent from './root-access-keys-absent.js';
import rootMfaEnabled from './root-mfa-enabled.js';

export const rootChecks = [rootAccessKeysAbsent, rootMfaEnabled];
