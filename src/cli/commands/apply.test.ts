import { describe, expect, it } from 'vitest';
import type { StepResult } from '../../remediation/apply.js';
import { EXIT } from '../exit-codes.js';
import { applyExitCode } from './apply.js';

const step = (outcome: StepResult['outcome']): StepResult => ({
  action: `a-${outcome}`,
  title: 't',
  outcome,
  changed: outcome === 'changed' || outcome === 'pending',
  message: '',
});

describe('apply exit code', () => {
  it('is 0 when every step ran, was already right, was skipped or declined, or is a manual root step', () => {
    expect(
      applyExitCode(
        ['changed', 'unchanged', 'skipped', 'declined', 'manual'].map((o) =>
          step(o as StepResult['outcome']),
        ),
      ),
    ).toBe(EXIT.ok);
  });

  it('is 3 (incomplete) when a step is pending (MFA waiting for codes) or failed', () => {
    expect(applyExitCode([step('changed'), step('pending'), step('manual')])).toBe(EXIT.incomplete);
    expect(applyExitCode([step('failed'), step('changed')])).toBe(EXIT.incomplete);
  });
});
