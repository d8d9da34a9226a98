import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { formatNumber, formatPercent } from '../i18n/format.js';
import { useLocale, useMessages } from '../i18n/i18n-context.js';
import { type RuntimeInfo, readRuntimeInfo, type SeedCount, type SeedProgress } from './runtime-info.js';
import { seedBannerMessages } from './seed-banner-messages.js';
import './seed-banner.css';

const RUNNING: ReadonlySet<SeedProgress['status']> = new Set(['seeding', 'fitting', 'saving']);

export function isSeedRunning(seed: SeedProgress | undefined): boolean {
  return seed !== undefined && RUNNING.has(seed.status);
}

/**
 * Says "the demo data is still loading" with its progress while the local runtime's first-start
 * seed runs, polling `/runtime.json` only until it ends. Renders nothing in the cloud (no file),
 * without a seed, or once a finished seed's short "ready" note has gone.
 */
export function SeedBanner(props: {
  load?: () => Promise<RuntimeInfo>;
  intervalMs?: number;
  readyMs?: number;
}) {
  const t = useMessages(seedBannerMessages);
  const { locale } = useLocale();
  const load = props.load ?? readRuntimeInfo;
  const [seed, setSeed] = createSignal<SeedProgress>();
  const [ready, setReady] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let sawRunning = false;

  const poll = async (): Promise<void> => {
    const info = await load();
    if (disposed) return;
    // A failed read mid-seed (the runtime is busy moving its database) is retried, not taken as "cloud".
    if (sawRunning && info.runtime !== 'local') {
      timer = setTimeout(poll, props.intervalMs ?? 2000);
      return;
    }
    setSeed(info.seed);
    if (isSeedRunning(info.seed)) {
      sawRunning = true;
      timer = setTimeout(poll, props.intervalMs ?? 2000);
    } else if (info.seed?.status === 'done' && sawRunning) {
      setReady(true);
      timer = setTimeout(() => setReady(false), props.readyMs ?? 4000);
    }
  };
  void poll();
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
  });

  const number = (value: number) => formatNumber(value, locale());
  const count = (value: SeedCount, what: string) =>
    value.total === null
      ? t('count', { done: number(value.done), what })
      : t('countOf', { done: number(value.done), total: number(value.total), what });
  const counts = (current: SeedProgress) =>
    [count(current.customers, t('customers')), count(current.orders, t('orders'))].join(' · ');
  const percent = (current: SeedProgress) =>
    t('percent', { percent: formatPercent(current.fraction, locale()) });

  return (
    <Show when={isSeedRunning(seed()) || seed()?.status === 'failed' || ready()}>
      <div
        class="seed-banner"
        classList={{ 'seed-banner--failed': seed()?.status === 'failed' }}
        role="status"
        aria-live="polite"
      >
        <Switch>
          <Match when={seed()?.status === 'failed'}>
            <p class="seed-banner__text">
              {seed()?.error ? t('failed', { error: seed()?.error ?? '' }) : t('failedUnknown')}
            </p>
          </Match>
          <Match when={ready()}>
            <p class="seed-banner__text">{t('ready')}</p>
          </Match>
          <Match when={seed()}>
            {(current) => (
              <>
                <p class="seed-banner__text">
                  <Switch>
                    <Match when={current().status === 'seeding'}>
                      {`${t('seeding')} ${counts(current())} ${percent(current())}`}
                    </Match>
                    <Match
                      when={current().status === 'fitting'}
                    >{`${t('fitting')} ${percent(current())}`}</Match>
                    <Match
                      when={current().status === 'saving'}
                    >{`${t('saving')} ${percent(current())}`}</Match>
                  </Switch>
                </p>
                <progress
                  class="seed-banner__bar"
                  max={1}
                  value={current().fraction}
                  aria-label={t('progress')}
                />
              </>
            )}
          </Match>
        </Switch>
      </div>
    </Show>
  );
}
