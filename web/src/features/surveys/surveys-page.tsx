import { A, useNavigate } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { surveysMessages } from './messages.js';
import { SurveyBuilder } from './survey-builder.js';
import { textIn } from './survey-question-input.js';
import './surveys.css';

/** The tenant's surveys (满意度调查) with their status and counts, and the builder of a new one. */
export function SurveysPage() {
  const t = useMessages(surveysMessages);
  const api = useApi();
  const navigate = useNavigate();
  const { locale } = useLocale();
  const [surveys, { refetch }] = createResource(
    async () => (await unwrap(api.GET('/v1/surveys', { params: { query: { limit: 200 } } }))).items,
  );
  return (
    <Page title={t('list.title')} term="满意度调查" description={t('list.description')}>
      <AsyncView
        resource={surveys}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<p class="muted">{t('list.empty')}</p>}
      >
        {(items) => (
          <ul class="survey-list" data-testid="surveys">
            <For each={items}>
              {(survey) => (
                <li class="card survey-card">
                  <A href={`/surveys/${survey.id}`}>
                    {textIn(survey.title, locale() === 'en' ? 'en' : 'zh')}
                  </A>
                  <span class={`badge survey-status--${survey.status}`}>{t(`status.${survey.status}`)}</span>
                  <span class="muted">
                    {t('list.counts', { sent: survey.sentCount, answered: survey.answeredCount })}
                  </span>
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>
      <SurveyBuilder onCreated={(survey) => navigate(`/surveys/${survey.id}`)} />
    </Page>
  );
}
