import { createEffect, type JSX, Show } from 'solid-js';
import { useLocale } from '../i18n/i18n-context.js';

/**
 * A screen's frame: its title (in English with the Chinese domain term beside it, when given), an
 * optional description and actions, then the content.
 */
export function Page(props: {
  title: string;
  /** The Chinese term from DOMAIN.md, shown beside an English title. */
  term?: string | undefined;
  description?: string;
  actions?: JSX.Element;
  children?: JSX.Element;
}) {
  const { locale } = useLocale();
  // The tab title names the screen too (history, screen readers announcing the page).
  createEffect(() => {
    document.title = `${props.title} · CRM`;
  });
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page__header">
        <div>
          <h1 id="page-title" class="page__title" tabindex="-1">
            {props.title}
            <Show when={locale() === 'en' && props.term}>
              <span class="page__term" lang="zh-CN">
                {props.term}
              </span>
            </Show>
          </h1>
          <Show when={props.description}>
            <p class="page__description">{props.description}</p>
          </Show>
        </div>
        <Show when={props.actions}>
          <div class="page__actions">{props.actions}</div>
        </Show>
      </header>
      <div class="page__body">{props.children}</div>
    </section>
  );
}

export function Card(props: { title?: string; children: JSX.Element; class?: string }) {
  return (
    <section class={`card${props.class ? ` ${props.class}` : ''}`}>
      <Show when={props.title}>
        <h2 class="card__title">{props.title}</h2>
      </Show>
      {props.children}
    </section>
  );
}
