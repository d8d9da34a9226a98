export type { CampaignSendTimer } from './campaign-send-timer.js';
export { startCampaignSendTimer } from './campaign-send-timer.js';
export type { CheckpointStore, Checkpoints, ShardCheckpoint } from './checkpoint-store.js';
export { fileCheckpointStore, memoryCheckpointStore } from './checkpoint-store.js';
export { DataDirInUseError, lockDataDir } from './data-dir-lock.js';
export type { DynamoDbLocal, DynamoDbLocalOptions } from './dynamodb-local.js';
export {
  DynamoDbLocalStartError,
  dynamoDbLocalJarDir,
  JavaNotFoundError,
  startDynamoDbLocal,
} from './dynamodb-local.js';
export type { EnsuredTable } from './ensure-table.js';
export { ensureTable } from './ensure-table.js';
export { assertPortFree, findFreePort, PortInUseError } from './free-port.js';
export { lambdaBundleOptions, lambdaEntries } from './lambda-bundle-options.js';
export { createLocalLambdaContext } from './lambda-context.js';
export type { StreamSource } from './lambda-stream-record.js';
export { toLambdaStreamRecord } from './lambda-stream-record.js';
export type { LocalClientOptions } from './local-clients.js';
export { createLocalDynamoDbClient, createLocalStreamsClient } from './local-clients.js';
export type { LocalConfig } from './local-config.js';
export { ConfigError, IN_MEMORY, readLocalConfig, repoRoot } from './local-config.js';
export type { LocalRuntime, StartLocalRuntimeOptions } from './local-runtime.js';
export { startLocalRuntime } from './local-runtime.js';
export type { FetchApp, ListeningServer } from './local-server.js';
export { createLocalApp, listen } from './local-server.js';
export type { LocalStorage } from './local-storage.js';
export { prepareLocalStorage, shouldStage } from './local-storage.js';
export type { RequestGate } from './request-gate.js';
export { createRequestGate } from './request-gate.js';
export { restoreTenantArchive } from './restore-tenant-archive.js';
export type { RunSeedOptions, SeedContext, Seeder, SeedOutcome } from './seed.js';
export { runSeed } from './seed.js';
export type {
  SeedCount,
  SeedProgress,
  SeedProgressTracker,
  SeedProgressUpdate,
  SeedStatus,
} from './seed-progress.js';
export { createSeedProgress } from './seed-progress.js';
export { cdnowMasterPath, seeders } from './seeders.js';
export type {
  StartingPosition,
  StreamBatchHandler,
  StreamBatchInfo,
  StreamPoller,
  StreamPollerOptions,
  StreamPollerStats,
} from './stream-poller.js';
export { createStreamPoller } from './stream-poller.js';
export type { StreamsApi } from './streams-api.js';
export { sdkStreamsApi } from './streams-api.js';
export type { TenantDeletionTimer } from './tenant-deletion-timer.js';
export { startTenantDeletionTimer } from './tenant-deletion-timer.js';
export type { WebhookDeliveryTimer } from './webhook-delivery-timer.js';
export { startWebhookDeliveryTimer } from './webhook-delivery-timer.js';
export type { WorkflowTimer } from './workflow-timer.js';
export { startWorkflowTimer } from './workflow-timer.js';
