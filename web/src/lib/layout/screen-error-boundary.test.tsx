import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { fireEvent, render, screen } from '@solidjs/testing-library';
import { createResource } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n-context.js';
import { ScreenErrorBoundary } from './screen-error-boundary.js';

describe('the screen error boundary', () => {
  it('shows a failed read as the error state, retries on demand, and clears when the user goes elsewhere', async () => {
    let attempts = 0;
    const Flaky = () => {
      const [data] = createResource(async () => {
        attempts++;
        if (attempts === 1) throw new Error('The server did not answer');
        return `loaded after ${attempts} attempts`;
      });
      // Read without a screen state of its own: the boundary is what catches it.
      return <p>{data()}</p>;
    };
    const Broken = () => {
      throw new Error('drawing failed');
    };
    const history = createMemoryHistory();
    history.set({ value: '/flaky' });
    const Root = (props: { children?: unknown }) => (
      <ScreenErrorBoundary>{props.children as never}</ScreenErrorBoundary>
    );
    render(() => (
      <I18nProvider locale="zh-CN">
        <MemoryRouter history={history} root={Root}>
          <Route path="/flaky" component={Flaky} />
          <Route path="/broken" component={Broken} />
          <Route path="/fine" component={() => <p>fine</p>} />
        </MemoryRouter>
      </I18nProvider>
    ));

    expect((await screen.findByRole('alert')).textContent).toContain('The server did not answer');
    expect(screen.getByRole('alert').textContent).toContain('页面出错了');
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('loaded after 2 attempts')).toBeTruthy();

    history.set({ value: '/broken' });
    expect((await screen.findByRole('alert')).textContent).toContain('drawing failed');
    history.set({ value: '/fine' });
    expect(await screen.findByText('fine')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
