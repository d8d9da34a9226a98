export type {
  BuyerKind,
  Segment,
  SegmentCount,
  SegmentFilter,
  SegmentInput,
  SegmentPatch,
} from './segment.schema.js';
export {
  BuyerKindSchema,
  buyerKinds,
  SegmentCountSchema,
  SegmentFilterSchema,
  SegmentInputSchema,
  SegmentPatchSchema,
  SegmentSchema,
} from './segment.schema.js';
export type { CustomerSegmentFacts, SegmentFieldValue } from './segment-facts.js';
export {
  buyerKindOfCount,
  factsMatchSegment,
  SEGMENT_FIELD_STRING_MAX,
  segmentFactsOf,
} from './segment-facts.js';
export { buyerKindOf, customerMatchesSegment } from './segment-match.js';
