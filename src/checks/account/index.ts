import type { Check } from '../types.js';
import accountContactDetails from './account-contact-details.js';
import rootEmailDistributionList from './root-email-distribution-list.js';
import securityContactRegistered from './security-contact-registered.js';

export const accountChecks: Check[] = [
  rootEmailDistributionList,
  accountContactDetails,
  securityContactRegistered,
] as Check[];
