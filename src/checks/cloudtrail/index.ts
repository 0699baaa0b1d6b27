import type { Check } from '../types.js';

export const cloudtrailChecks: Check[] = [];
