/**
 * Entity types whose changes reach the stream consumer. The CDK event-source filter is built from
 * this list, and the stream handler's reactions may only subscribe to types listed here (a test
 * checks it), so Lambda is never invoked for records nobody handles.
 */
export const streamEntityTypes = ['customer', 'interaction'] as const;
export type StreamEntityType = (typeof streamEntityTypes)[number];
