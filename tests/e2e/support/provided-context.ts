// What the e2e global setup (setup/local-runtime.global-setup.ts) hands to every spec via `inject`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The local runtime serving the built SPA and the API, e.g. `http://localhost:41234`. */
    e2eBaseUrl: string;
  }
}

export {};
