import { createEffect, type ParentProps } from 'solid-js';
import { useSharedMessages } from '../i18n/i18n-context.js';
import { SeedBanner } from '../runtime/seed-banner.js';
import { LanguageSwitch } from './language-switch.js';

/** The frame of the screens before login: a centred card with the brand and the language switch. */
export function AuthLayout(props: ParentProps<{ title: string; subtitle?: string }>) {
  const t = useSharedMessages();
  createEffect(() => {
    document.title = `${props.title} · CRM`;
  });
  return (
    <div class="auth">
      <header class="auth__top">
        <div class="brand brand--static">
          <span class="brand__mark" aria-hidden="true">
            C
          </span>
          <span class="brand__text">
            <span class="brand__name">{t('app.name')}</span>
            <span class="brand__tagline">{t('app.tagline')}</span>
          </span>
        </div>
        <LanguageSwitch />
      </header>
      <SeedBanner />
      <main class="auth__main" id="main">
        <div class="auth__card">
          <h1 class="auth__title">{props.title}</h1>
          {props.subtitle ? <p class="auth__subtitle">{props.subtitle}</p> : null}
          {props.children}
        </div>
      </main>
    </div>
  );
}
