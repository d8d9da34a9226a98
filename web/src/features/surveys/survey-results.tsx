import { createResource, createSignal, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { VizFigure } from '../../lib/ui/viz/viz-figure.js';
import { surveysMessages } from './messages.js';
import { type SurveyLanguage, type SurveyQuestion, textIn } from './survey-question-input.js';

/** NPS, CSAT, answers and response rate for a date range, the monthly chart and the mean per question. */
export function SurveyResults(props: {
  /** Sends made on this screen so far: the response rate is read again after each. */
  sends?: number;
  surveyId: string;
  questions: SurveyQuestion[];
  language: SurveyLanguage;
}) {
  const t = useMessages(surveysMessages);
  const api = useApi();
  const format = useFormat();
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [results, { refetch }] = createResource(
    () => ({ surveyId: props.surveyId, from: from(), to: to(), sends: props.sends ?? 0 }),
    (range) =>
      unwrap(
        api.GET('/v1/surveys/{surveyId}/results', {
          params: {
            path: { surveyId: range.surveyId },
            query: { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) },
          },
        }),
      ),
  );
  const figure = (value: number | null | undefined, suffix = '') =>
    value === null || value === undefined ? '—' : `${format.number(value)}${suffix}`;
  const questionText = (id: string) => {
    const question = props.questions.find((q) => q.id === id);
    return question ? textIn(question.text, props.language) : id;
  };
  return (
    <section class="survey-results" aria-label={t('results.title')}>
      <h2>{t('results.title')}</h2>
      <div class="survey-results__range">
        <label>
          {t('results.from')}{' '}
          <input type="date" value={from()} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('results.to')} <input type="date" value={to()} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
      </div>
      <AsyncView resource={results} onRetry={refetch}>
        {(data) => (
          <>
            <dl class="survey-figures" data-testid="survey-figures">
              <div class="card">
                <dt>{t('results.nps')}</dt>
                <dd data-figure="nps">{figure(data.nps.nps)}</dd>
              </div>
              <div class="card">
                <dt>{t('results.csat')}</dt>
                <dd data-figure="csat">{figure(data.csat.csat, '%')}</dd>
              </div>
              <div class="card">
                <dt>{t('results.count')}</dt>
                <dd data-figure="count">{figure(data.count)}</dd>
              </div>
              <div class="card">
                <dt>{t('results.responseRate')}</dt>
                <dd data-figure="responseRate">{figure(data.responseRate, '%')}</dd>
              </div>
            </dl>
            <Show when={data.months.length > 0}>
              <VizFigure
                title={t('results.months')}
                chart={{
                  kind: 'lines',
                  categories: data.months.map((month) => month.month),
                  series: [
                    { label: t('results.nps'), values: data.months.map((month) => month.nps.nps) },
                    { label: t('results.csat'), values: data.months.map((month) => month.csat.csat) },
                  ],
                  formatValue: (value) => format.number(value),
                }}
                table={{
                  columns: [t('results.month'), t('results.nps'), t('results.csat'), t('results.count')],
                  rows: data.months.map((month) => [
                    month.month,
                    figure(month.nps.nps),
                    figure(month.csat.csat, '%'),
                    format.number(month.count),
                  ]),
                }}
              />
            </Show>
            <VizFigure
              title={t('results.items')}
              chart={{
                kind: 'bars',
                categories: data.items.filter((item) => item.mean !== null).map((item) => item.questionId),
                series: [
                  {
                    label: t('results.mean'),
                    values: data.items.filter((item) => item.mean !== null).map((item) => item.mean),
                  },
                ],
                formatValue: (value) => format.number(value),
              }}
              table={{
                columns: [t('results.question'), t('results.count'), t('results.mean')],
                textColumns: [0],
                rows: data.items.map((item) => [
                  questionText(item.questionId),
                  format.number(item.count),
                  figure(item.mean),
                ]),
              }}
            />
          </>
        )}
      </AsyncView>
    </section>
  );
}
