import { A } from '@solidjs/router';
import { For, type ParentProps, Show } from 'solid-js';
import { useAuth } from '../auth/auth-context.js';
import { type NavEntry, type NavSection, navFor } from '../features/feature.js';
import { useLocale, useSharedMessages } from '../i18n/i18n-context.js';
import { SeedBanner } from '../runtime/seed-banner.js';
import { Icon } from '../ui/icons.js';
import { LanguageSwitch } from './language-switch.js';
import { ScreenErrorBoundary } from './screen-error-boundary.js';
import { UserMenu } from './user-menu.js';

/** The logged-in frame: sidebar navigation from the feature registry, header, then the screen. */
export function AppShell(props: ParentProps<{ nav: readonly NavEntry[] }>) {
  const t = useSharedMessages();
  const { session } = useAuth();
  const entries = () => navFor(props.nav, session()?.user.role).sort((a, b) => a.order - b.order);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <aside class="sidebar">
        <A href="/dashboard" class="brand">
          <span class="brand__mark" aria-hidden="true">
            C
          </span>
          <span class="brand__text">
            <span class="brand__name">{t('app.name')}</span>
            <span class="brand__tagline">{t('app.tagline')}</span>
          </span>
        </A>
        <nav class="nav" aria-label={t('shell.navigation')}>
          <NavList entries={entries().filter((entry) => sectionOf(entry) === 'work')} all={entries()} />
          <Show when={entries().some((entry) => sectionOf(entry) === 'admin')}>
            <p class="nav__heading" id="nav-admin-heading">
              {t('shell.administration')}
            </p>
            <NavList
              entries={entries().filter((entry) => sectionOf(entry) === 'admin')}
              all={entries()}
              labelledBy="nav-admin-heading"
            />
          </Show>
        </nav>
      </aside>
      <div class="shell__main">
        <header class="topbar">
          <div class="topbar__tenant">
            <span class="topbar__label">{t('shell.tenant')}</span>
            <span class="topbar__tenant-name">{session()?.tenant.name}</span>
          </div>
          <div class="topbar__actions">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </header>
        <SeedBanner />
        <main id="main" class="content" tabindex="-1">
          <ScreenErrorBoundary>{props.children}</ScreenErrorBoundary>
        </main>
      </div>
    </div>
  );
}

function sectionOf(entry: NavEntry): NavSection {
  return entry.section ?? 'work';
}

function NavList(props: { entries: readonly NavEntry[]; all: readonly NavEntry[]; labelledBy?: string }) {
  const { locale } = useLocale();
  return (
    <ul class="nav__list" aria-labelledby={props.labelledBy}>
      <For each={props.entries}>
        {(entry) => (
          <li>
            <A
              href={entry.href}
              class="nav__link"
              activeClass="nav__link--active"
              // Settings stays unlit on /settings/webhooks, which has an entry of its own.
              end={props.all.some((other) => other.href.startsWith(`${entry.href}/`))}
            >
              <Icon name={entry.icon} />
              <span class="nav__label">{entry.label[locale()]}</span>
              <Show when={locale() === 'en' && entry.term}>
                <span class="nav__term" lang="zh-CN">
                  {entry.term}
                </span>
              </Show>
            </A>
          </li>
        )}
      </For>
    </ul>
  );
}
