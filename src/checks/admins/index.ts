import type { Check } from '../types.js';

export const adminsChecks: Check[] = [];
