import rootAccessKeysAbsent from './root-access-keys-absent.js';
import rootCredentialsStoredSafely from './root-credentials-stored-safely.js';
import rootHardwareMfa from './root-hardware-mfa.js';
import rootMfaEnabled from './root-mfa-enabled.js';
import rootNotUsed from './root-not-used.js';
import rootSignIns from './root-sign-ins.js';
import rootUsageAlarm from './root-usage-alarm.js';

export const rootChecks = [
  rootAccessKeysAbsent,
  rootMfaEnabled,
  rootHardwareMfa,
  rootNotUsed,
  rootSignIns,
  rootUsageAlarm,
  rootCredentialsStoredSafely,
];
