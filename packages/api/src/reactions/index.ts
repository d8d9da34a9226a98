export { customerScoresReaction } from '../analytics/customer-scores.reaction.js';
export { customerHistoryReaction } from './customer-history.reaction.js';
