import { render, screen, waitFor } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n-context.js';
import type { Locale } from '../i18n/locale.js';
import type { RuntimeInfo, SeedProgress } from './runtime-info.js';
import { SeedBanner } from './seed-banner.js';

function seed(overrides: Partial<SeedProgress> = {}): SeedProgress {
  return {
    name: 'demo',
    status: 'seeding',
    customers: { done: 12_000, total: 23_570 },
    orders: { done: 40_000, total: 69_659 },
    contacts: { done: 0, total: null },
    scored: { done: 0, total: null },
    fraction: 0.52,
    ...overrides,
  };
}

/** A `/runtime.json` that answers each poll with the next info in turn (the last one repeats). */
function answers(...infos: RuntimeInfo[]) {
  let calls = 0;
  const load = vi.fn(async () => infos[Math.min(calls++, infos.length - 1)] as RuntimeInfo);
  return load;
}

function show(load: () => Promise<RuntimeInfo>, locale: Locale = 'en') {
  return render(() => (
    <I18nProvider locale={locale}>
      <p>screen</p>
      <SeedBanner load={load} intervalMs={5} readyMs={50} />
    </I18nProvider>
  ));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 40));

describe('the seed banner', () => {
  it('shows nothing in the cloud, and nothing locally without a running seed', async () => {
    for (const info of [
      { runtime: 'cloud' },
      { runtime: 'local' },
      { runtime: 'local', seed: seed({ status: 'idle', fraction: 0 }) },
      { runtime: 'local', seed: seed({ status: 'done', fraction: 1 }) },
    ] satisfies RuntimeInfo[]) {
      const load = answers(info);
      const { unmount } = show(load);
      await settle();
      expect(screen.queryByRole('status')).toBeNull();
      expect(load).toHaveBeenCalledTimes(1);
      unmount();
    }
  });

  it('says how far the demo data has loaded, with a progress bar', async () => {
    show(answers({ runtime: 'local', seed: seed() }));
    const banner = await screen.findByRole('status');
    expect(banner.getAttribute('aria-live')).toBe('polite');
    expect(banner.textContent).toBe(
      'Loading the demo data… 12,000 of 23,570 customers · 40,000 of 69,659 orders (52%)',
    );
    const bar = screen.getByRole('progressbar', { name: 'Demo data progress' }) as HTMLProgressElement;
    expect(bar.value).toBe(0.52);
  });

  it('speaks Chinese too, and counts without a total until the file is read', async () => {
    show(
      answers({ runtime: 'local', seed: seed({ orders: { done: 300, total: null }, fraction: 0.1 }) }),
      'zh-CN',
    );
    const banner = await screen.findByRole('status');
    expect(banner.textContent).toContain('正在载入演示数据…');
    expect(banner.textContent).toContain('300 笔订单');
  });

  it('says the value models are being fitted, then saved', async () => {
    show(
      answers(
        { runtime: 'local', seed: seed({ status: 'fitting', fraction: 0.85 }) },
        { runtime: 'local', seed: seed({ status: 'saving', fraction: 0.99 }) },
      ),
    );
    expect((await screen.findByRole('status')).textContent).toBe('Fitting the value models… (85%)');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saving… (99%)'));
  });

  it('polls while the seed runs, then says it is ready briefly and stops asking', async () => {
    const load = answers(
      { runtime: 'local', seed: seed() },
      { runtime: 'local', seed: seed({ fraction: 0.8 }) },
      { runtime: 'local', seed: seed({ status: 'done', fraction: 1 }) },
    );
    show(load);
    expect(await screen.findByText('Demo data ready')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(3);
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    await settle();
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps asking through a failed read while the seed runs', async () => {
    const load = answers(
      { runtime: 'local', seed: seed() },
      { runtime: 'cloud' },
      { runtime: 'local', seed: seed({ status: 'fitting', fraction: 0.9 }) },
    );
    show(load);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain('Fitting the value models…'),
    );
  });

  it('shows the error when the seed failed, and stops asking', async () => {
    const load = answers(
      { runtime: 'local', seed: seed() },
      { runtime: 'local', seed: seed({ status: 'failed', error: 'orders.csv is missing' }) },
    );
    show(load);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Loading the demo data failed: orders.csv is missing',
      ),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
