export type { StreamHandler } from './create-stream-handler.js';
export { createStreamHandler, SkippedAfterFailureError } from './create-stream-handler.js';
export type { FailedRecordKeeper } from './failed-record-keeper.js';
export { KEEP_AFTER_ATTEMPTS, tableRecordKeeper } from './failed-record-keeper.js';
export type { ReplayOutcome } from './replay-kept-records.js';
export { replayKeptRecords } from './replay-kept-records.js';
