export type { MemberFigures, MemberTier, MemberTierChange, MemberTierPolicy } from './member-tier.schema.js';
export {
  defaultMemberTierPolicy,
  isUpgrade,
  MemberTierChangeSchema,
  MemberTierPolicySchema,
  MemberTierSchema,
  memberValueBases,
  tierFor,
} from './member-tier.schema.js';
