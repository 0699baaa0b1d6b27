import type { SliceName } from '../snapshot/schema.js';
import { SLICE_NAMES } from '../snapshot/schema.js';
import { ADMIN_ANALYSIS_SLICES } from './admins/slices.js';
import type { Check } from './types.js';

/**
 * The slices these checks read: what each needs and uses, and everything the admin analysis reads for a
 * check that reads the authorization details (the admin checks share that analysis). In schema order.
 */
export function slicesRead(checks: readonly Pick<Check, 'needs' | 'uses'>[]): SliceName[] {
  const read = new Set<SliceName>();
  for (const c of checks) {
    const own = [...c.needs, ...(c.uses ?? [])];
    for (const s of own) read.add(s);
    if (own.includes('authorizationDetails')) for (const s of ADMIN_ANALYSIS_SLICES) read.add(s);
  }
  return SLICE_NAMES.filter((s) => read.has(s));
}
