export { customerHistoryReaction } from './customer-history.reaction.js';
