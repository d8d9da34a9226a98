import { createResource, Show } from 'solid-js';

type Health = { status: string; db: string; version: string };

async function fetchHealth(): Promise<Health> {
  const response = await fetch('/health');
  return (await response.json()) as Health;
}

/** The shell of the SPA; features (customer book, analytics, workflows) mount under it. */
export function App() {
  const [health] = createResource(fetchHealth);
  return (
    <main style={{ 'font-family': 'system-ui, sans-serif', margin: '2rem' }}>
      <h1>客户关系管理 · CRM</h1>
      <Show when={health()} fallback={<p>Connecting… 连接中…</p>}>
        {(h) => (
          <p>
            API {h().status} · database {h().db} · version {h().version}
          </p>
        )}
      </Show>
    </main>
  );
}
