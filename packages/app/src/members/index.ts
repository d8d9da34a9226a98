export type { MemberTierPolicyView } from './member.service.js';
export { MemberService } from './member.service.js';
export { reviewMemberTiers } from './members.jobs.js';
export { memberTierReaction } from './members.reactions.js';
