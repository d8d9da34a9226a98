import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { surveysMessages } from './messages.js';
import { SurveyQuestionInput, textIn } from './survey-question-input.js';
import { SurveyResults } from './survey-results.js';
import { SurveySendDialog } from './survey-send-dialog.js';
import './surveys.css';

/** One survey: its status (activate, archive), its questions, sending, and the results. */
export function SurveyPage() {
  const params = useParams<{ surveyId: string }>();
  const t = useMessages(surveysMessages);
  const api = useApi();
  const { locale } = useLocale();
  const language = () => (locale() === 'en' ? 'en' : 'zh');
  const [survey, { refetch }] = createResource(
    () => params.surveyId,
    (surveyId) => unwrap(api.GET('/v1/surveys/{surveyId}', { params: { path: { surveyId } } })),
  );
  const [sends, setSends] = createSignal(0);
  const setStatus = async (status: 'active' | 'archived', version: number) => {
    await unwrap(
      api.PATCH('/v1/surveys/{surveyId}', {
        params: { path: { surveyId: params.surveyId } },
        body: { status, version },
      }),
    );
    await refetch();
  };
  return (
    <AsyncView resource={survey} onRetry={refetch}>
      {(loaded) => (
        <Page
          title={textIn(loaded.title, language())}
          term="满意度调查"
          actions={
            <>
              <span class={`badge survey-status--${loaded.status}`} data-testid="survey-status">
                {t(`status.${loaded.status}`)}
              </span>
              <Show when={loaded.status !== 'active'}>
                <Button onClick={() => void setStatus('active', loaded.version)}>
                  {t('detail.activate')}
                </Button>
              </Show>
              <Show when={loaded.status === 'active'}>
                <Button variant="secondary" onClick={() => void setStatus('archived', loaded.version)}>
                  {t('detail.archive')}
                </Button>
              </Show>
            </>
          }
        >
          <Show when={loaded.status === 'active'} fallback={<p class="muted">{t('send.onlyActive')}</p>}>
            {/* Not a refetch of the survey: that would rebuild the page and lose the send's report. */}
            <SurveySendDialog surveyId={loaded.id} onSent={() => setSends(sends() + 1)} />
          </Show>
          <SurveyResults
            surveyId={loaded.id}
            questions={loaded.questions}
            language={language()}
            sends={sends()}
          />
          <details class="card survey-questions">
            <summary>{t('detail.questions')}</summary>
            <For each={loaded.questions}>
              {(question) => (
                <SurveyQuestionInput
                  question={question}
                  language={language()}
                  value={undefined}
                  onChange={() => undefined}
                  requiredLabel={t('public.required')}
                />
              )}
            </For>
          </details>
        </Page>
      )}
    </AsyncView>
  );
}
