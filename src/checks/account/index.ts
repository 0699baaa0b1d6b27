import type { Check } from '../types.js';

export const accountChecks: Check[] = [];
