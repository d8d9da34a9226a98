import { rfmSegments } from '../customers/list/list-query.js';

export { rfmSegments };

const known: ReadonlySet<string> = new Set(rfmSegments);

/** An RFM segment's name from the catalog (English with the Chinese term, or Chinese), else as saved. */
export function rfmSegmentLabel(
  segment: string,
  translate: (key: `segment.${(typeof rfmSegments)[number]}`) => string,
) {
  return known.has(segment) ? translate(`segment.${segment as (typeof rfmSegments)[number]}`) : segment;
}
