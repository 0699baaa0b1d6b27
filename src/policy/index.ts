// The IAM policy evaluation engine: pure functions over policy documents and authorization details.
export {
  normalizePolicy,
  parsePolicyDocument,
  type NormalizedPolicy,
  type NormalizedStatement,
} from './normalize.js';
export { compilePolicy, CompiledPolicy, type PolicyRef } from './compile.js';
export { RequestContext, type ContextInit } from './context.js';
export {
  authorize,
  decide,
  type Access,
  type AccessLevel,
  type Caller,
  type Decision,
  type Layers,
} from './evaluate.js';
export { buildAccountIndex, type AccountIndex, type PrincipalNode } from './account.js';
export {
  analyzeAdmins,
  TIERS,
  type AdminAnalysisInput,
  type AdminEntry,
  type AdminPath,
  type AdminReport,
  type PathAccess,
  type ScpInput,
  type Tier,
} from './admins.js';
export { fullAdminAccess, trustGrants, type FullAdminResult, type TrustGrant } from './single.js';
export { SELF_METHODS, SERVICE_METHODS, TARGET_METHODS } from './escalation.js';
