import { createServer } from 'node:net';

/** Asks the OS for a free TCP port by binding port 0 and releasing it. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number) {
    super(`port ${port} is already in use; stop whatever holds it or set PORT to another port`);
    this.name = 'PortInUseError';
    this.port = port;
  }
}

/** Fails fast with a clear error when `port` is taken, before anything slow starts. */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error),
    );
    // The address the API server will bind (local-server.ts `listen`).
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
