export type { ImportReport } from './import.service.js';
export { ImportService } from './import.service.js';
export type {
  ImportDispatch,
  ImportQueue,
  ImportRequest,
  ImportUpload,
  ImportUploads,
} from './import-queue.js';
export { importUploadKey } from './import-queue.js';
