import type { CheckOptions, ControlRefs } from '../checks/types.js';
import type { HardenConfig } from './harden.js';

/** Control frameworks a report can show mappings for (config `frameworks`). */
export const FRAMEWORKS = ['cis-v5', 'cis-v6', 'security-hub'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const FRAMEWORK_FIELDS: Record<Framework, keyof ControlRefs> = {
  'cis-v5': 'cisV5',
  'cis-v6': 'cisV6',
  'security-hub': 'securityHub',
};

export const FRAMEWORK_LABELS: Record<Framework, string> = {
  'cis-v5': 'CIS v5.0',
  'cis-v6': 'CIS v6.0',
  'security-hub': 'Security Hub',
};

/** Keeps only the mappings of the selected frameworks. */
export function selectControls(controls: ControlRefs, frameworks: readonly Framework[]): ControlRefs {
  const out: ControlRefs = {};
  for (const framework of frameworks) {
    const field = FRAMEWORK_FIELDS[framework];
    const ids = controls[field];
    if (ids) out[field] = ids;
  }
  return out;
}

export const FRAMEWORK_SHORT_LABELS: Record<Framework, string> = {
  'cis-v5': 'CIS5',
  'cis-v6': 'CIS6',
  'security-hub': 'SH',
};

/** "CIS5 1.3 · CIS6 2.3 · SH IAM.4": the compact form for tables. */
export function shortControlsText(
  controls: ControlRefs,
  frameworks: readonly Framework[] = FRAMEWORKS,
): string {
  return frameworks
    .flatMap((f) => {
      const ids = controls[FRAMEWORK_FIELDS[f]];
      return ids && ids.length > 0 ? [`${FRAMEWORK_SHORT_LABELS[f]} ${ids.join(',')}`] : [];
    })
    .join(' · ');
}

/** "CIS v5.0 1.3 · Security Hub IAM.4" for the selected frameworks. */
export function controlsText(controls: ControlRefs, frameworks: readonly Framework[] = FRAMEWORKS): string {
  return frameworks
    .flatMap((f) => {
      const ids = controls[FRAMEWORK_FIELDS[f]];
      return ids && ids.length > 0 ? [`${FRAMEWORK_LABELS[f]} ${ids.join(', ')}`] : [];
    })
    .join(' · ');
}

/** A decision to accept a finding: which check, which resources (glob with `*`), why, who, until when. */
export interface Suppression {
  check: string;
  /** Matched against the finding's resource ARN, the part after the account id, and the final name. */
  resource: string;
  reason: string;
  owner?: string;
  /** `YYYY-MM-DD`: the last day (UTC) the suppression applies. */
  expires?: string;
}

/** Which checks run: `include` (default: all) minus `exclude`. */
export interface CheckSelection {
  include?: readonly string[];
  exclude?: readonly string[];
}

/** A validated config file, ready for the runner and the report. */
export interface RampartConfig {
  /** The file it came from (as given, or found upward from the working directory); undefined = defaults. */
  file?: string;
  options: CheckOptions;
  selection: CheckSelection;
  suppressions: readonly Suppression[];
  /** Control mappings to show; undefined = all (the config did not choose). */
  frameworks?: readonly Framework[];
  /** The `harden` section (secretsDir resolved against the config file's directory); flags override it. */
  harden?: HardenConfig;
}

/** A suppression as the report lists it: with how many findings it matched in this run. */
export interface SuppressionEntry extends Suppression {
  /** Findings it suppressed (or, when expired, would have suppressed). */
  matches: number;
}

/** What happened to the config's suppressions in one run (report field `suppressions`). */
export interface SuppressionSummary {
  /** Findings suppressed. */
  applied: number;
  /** Past their expiry date: they no longer suppress anything; renew or remove them. */
  expired: SuppressionEntry[];
  /** Still valid but matched no open finding of a check that ran: the problem may be fixed; remove them. */
  unused: SuppressionEntry[];
}
