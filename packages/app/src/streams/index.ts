export type { StreamHandler } from './create-stream-handler.js';
export { createStreamHandler, SkippedAfterFailureError } from './create-stream-handler.js';
