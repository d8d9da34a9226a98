import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { campaignsMessages } from './messages.js';
import './campaigns.css';

type PublicUnsubscribe = components['schemas']['PublicUnsubscribe'];

/**
 * The public unsubscribe page at /u/{link}: no login, no navigation, one column for a phone,
 * 中文 or English. Opening it changes nothing; the button unsubscribes.
 */
export function PublicUnsubscribePage() {
  const params = useParams<{ link: string }>();
  const api = useApi();
  const { locale, setLocale } = useLocale();
  const t = useMessages(campaignsMessages);
  const [link] = createResource(
    () => params.link,
    (token) => unwrap(api.GET('/v1/public/unsubscribe/{link}', { params: { path: { link: token } } })),
  );
  const [answer, setAnswer] = createSignal<PublicUnsubscribe>();
  const [error, setError] = createSignal<unknown>();
  const [pending, setPending] = createSignal(false);
  const unsubscribe = async () => {
    setPending(true);
    try {
      setAnswer(
        await unwrap(api.POST('/v1/public/unsubscribe/{link}', { params: { path: { link: params.link } } })),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };
  const notFound = () => {
    const problem = link.error ?? error();
    return problem instanceof ApiError && problem.status === 404;
  };
  const done = () => answer()?.unsubscribed ?? link()?.unsubscribed ?? false;
  return (
    <main class="public-unsubscribe" id="main">
      <div class="public-unsubscribe__language">
        <button type="button" aria-pressed={locale() !== 'en'} onClick={() => setLocale('zh-CN')}>
          中文
        </button>
        <button type="button" aria-pressed={locale() === 'en'} onClick={() => setLocale('en')}>
          English
        </button>
      </div>
      <h1 id="page-title">{t('public.title')}</h1>
      <Show when={!notFound()} fallback={<p role="alert">{t('public.invalid')}</p>}>
        <Show when={link()}>
          {(loaded) => (
            <Show
              when={!done()}
              fallback={<p role="status">{t('public.done', { name: loaded().tenantName })}</p>}
            >
              <p>{t('public.question', { name: loaded().tenantName })}</p>
              <Button
                class="public-unsubscribe__confirm"
                disabled={pending()}
                onClick={() => void unsubscribe()}
              >
                {t('public.confirm')}
              </Button>
            </Show>
          )}
        </Show>
      </Show>
    </main>
  );
}
