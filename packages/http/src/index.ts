export type { App } from './app.js';
export { createApp, MAX_BODY_BYTES } from './app.js';
export type { AppDeps } from './app-deps.js';
