import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import { useFieldErrors } from '../../lib/api/field-issue-text.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { surveysMessages } from './messages.js';
import {
  type AnswerValue,
  type SurveyLanguage,
  SurveyQuestionInput,
  textIn,
} from './survey-question-input.js';
import './surveys.css';

/**
 * The public answer page at /s/{link}: no login, no navigation, one column for a phone, the
 * customer picks 中文 or English. Only what the API's public route returns is shown.
 */
export function PublicSurveyPage() {
  const fieldErrorsIn = useFieldErrors();
  const params = useParams<{ link: string }>();
  const api = useApi();
  const { locale, setLocale } = useLocale();
  const t = useMessages(surveysMessages);
  const language = (): SurveyLanguage => (locale() === 'en' ? 'en' : 'zh');
  const [survey] = createResource(
    () => params.link,
    (link) => unwrap(api.GET('/v1/public/surveys/{link}', { params: { path: { link } } })),
  );
  const [answers, setAnswers] = createSignal<Record<string, AnswerValue>>({});
  const [error, setError] = createSignal<unknown>();
  const [done, setDone] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await unwrap(
        api.POST('/v1/public/surveys/{link}', {
          params: { path: { link: params.link } },
          body: { answers: answers(), locale: language() },
        }),
      );
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };
  const notFound = () => {
    const problem = survey.error ?? error();
    return problem instanceof ApiError && problem.status === 404;
  };
  return (
    <main class="public-survey" id="main">
      <div class="public-survey__language">
        <button type="button" aria-pressed={language() === 'zh'} onClick={() => setLocale('zh-CN')}>
          中文
        </button>
        <button type="button" aria-pressed={language() === 'en'} onClick={() => setLocale('en')}>
          English
        </button>
      </div>
      <Show when={!notFound()} fallback={<p role="alert">{t('public.invalid')}</p>}>
        <Show when={!done()} fallback={<p role="status">{t('public.thanks')}</p>}>
          <Show when={survey()}>
            {(loaded) => (
              <form class="public-survey__form" onSubmit={submit}>
                <p class="muted">{t('public.from', { name: loaded().tenantName })}</p>
                <h1 id="page-title">{textIn(loaded().title, language())}</h1>
                <Show when={loaded().intro}>{(intro) => <p>{textIn(intro(), language())}</p>}</Show>
                <For each={loaded().questions}>
                  {(question) => (
                    <SurveyQuestionInput
                      question={question}
                      language={language()}
                      value={answers()[question.id]}
                      onChange={(value) => setAnswers({ ...answers(), [question.id]: value })}
                      error={fieldErrorsIn(error())[`answers.${question.id}`]}
                      requiredLabel={t('public.required')}
                    />
                  )}
                </For>
                <Button class="public-survey__submit" type="submit" disabled={pending()}>
                  {t('public.submit')}
                </Button>
              </form>
            )}
          </Show>
        </Show>
      </Show>
    </main>
  );
}
