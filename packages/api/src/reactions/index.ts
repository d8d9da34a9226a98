export { customerHistoryReaction } from './customer-history.reaction.js';
export { customerScoresReaction } from '../analytics/customer-scores.reaction.js';
