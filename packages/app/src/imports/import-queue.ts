import type { ImportOptions } from '@crm/domain';

/** What the worker needs to run an accepted import: who sent it, how to read it, and the file. */
export type ImportUpload = { actorId: string; options: ImportOptions; text: string };

/** Where accepted files wait for the worker (AWS: an S3 bucket whose objects expire). */
export type ImportUploads = {
  put: (key: string, upload: ImportUpload) => Promise<void>;
  get: (key: string) => Promise<ImportUpload | undefined>;
  delete: (key: string) => Promise<void>;
};

/** Starts the worker for one accepted import (AWS: the import Lambda, invoked asynchronously). */
export type ImportDispatch = (request: ImportRequest) => Promise<void>;
export type ImportRequest = { tenantId: string; importId: string };

/**
 * Imports that outlive the request. In AWS an import can run for longer than API Gateway waits
 * (30 s), so the API stores the file, answers 202 and the import Lambda runs the same
 * ImportService; GET /v1/imports/{id} follows it. The local server, which may take its time,
 * runs imports in the request and needs no queue.
 */
export type ImportQueue = { uploads: ImportUploads; dispatch: ImportDispatch };

/** The tenant is the first path segment, so one tenant's files never share a prefix with another's. */
export function importUploadKey(tenantId: string, importId: string): string {
  return `imports/${tenantId}/${importId}.json`;
}
