// The values of the CLI's choice flags. Kept apart from the commands so that building the command tree
// (every run, also --help and --version) loads no command, check, collector or AWS SDK module: each
// command is imported only when it runs.
import { SEVERITIES } from '../checks/types.js';

export { OUTPUT_FORMATS } from '../report/render/formats.js';

export const FAIL_ON = [...SEVERITIES, 'none'] as const;
export const ADMINS_OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export const CATALOG_FORMATS = ['table', 'json'] as const;
export const EXPLAIN_FORMATS = ['text', 'json'] as const;
export const APPLY_OUTPUTS = ['table', 'json'] as const;
export { PERMISSION_TARGETS } from '../remediation/targets.js';
