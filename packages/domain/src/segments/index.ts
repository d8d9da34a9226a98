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
export { buyerKindOf, customerMatchesSegment } from './segment-match.js';
