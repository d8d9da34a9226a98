import { A } from '@solidjs/router';
import { type JSX, Match, Show, Switch } from 'solid-js';
import { useFormat } from '../../../lib/format/use-format.js';
import { useMessages } from '../../../lib/i18n/i18n-context.js';
import { customer360Messages } from '../360-messages.js';
import type { Explanations, ScoreView } from './insights-reader.js';
import { PAliveGauge } from './p-alive-gauge.js';
import { WhyPopover, type WhyRow } from './why-popover.js';

type Translate = ReturnType<typeof useMessages<typeof customer360Messages>>;
type Format = ReturnType<typeof useFormat>;
type Scored = Extract<ScoreView, { state: 'scored' }>;

function ScoreTile(props: { label: string; children: JSX.Element; why?: JSX.Element; testId?: string }) {
  return (
    <div class="score" data-score={props.testId}>
      <div class="score__label">{props.label}</div>
      <div class="score__value">{props.children}</div>
      <Show when={props.why}>{props.why}</Show>
    </div>
  );
}

/** The rows every purchase-model "why" shares: the repeat-purchase summary. */
function repeatRows(t: Translate, format: Format, why: Explanations): WhyRow[] {
  const n = (value: number) => format.number(value, { maximumFractionDigits: 2 });
  return [
    { label: t('why.x'), value: n(why.pAlive.inputs.x) },
    { label: t('why.tx'), value: n(why.pAlive.inputs.tx) },
    { label: t('why.T'), value: n(why.pAlive.inputs.T) },
  ];
}

/** How each model parameter is written in the papers, in the order they list them. */
const PARAM_LABELS: readonly (readonly [string, string])[] = [
  ['k', 'k'],
  ['r', 'r'],
  ['alpha', 'α'],
  ['s', 's'],
  ['beta', 'β'],
  ['a', 'a'],
  ['b', 'b'],
];

/** The fitted parameters of the purchase model the numbers come from. */
function modelRows(format: Format, why: Explanations): WhyRow[] {
  const params = why.pAlive.params;
  if (!params) return [];
  const n = (value: number) => format.number(value, { maximumSignificantDigits: 4 });
  const known = new Set(PARAM_LABELS.map(([key]) => key));
  return [
    ...PARAM_LABELS.filter(([key]) => params[key] !== undefined).map(([key, label]) => ({
      label,
      value: n(params[key] as number),
    })),
    ...Object.keys(params)
      .filter((key) => !known.has(key))
      .map((key) => ({ label: key, value: n(params[key] as number) })),
  ];
}

/**
 * The value and prediction numbers of the header (ABC, RFM, P(alive), next purchase, CLV), each
 * with its "why"; one-time buyers and unscored customers say so instead of showing misleading
 * numbers.
 */
export function CustomerScores(props: { view: ScoreView }) {
  const t = useMessages(customer360Messages);
  return (
    <section class="card scores" aria-labelledby="scores-heading">
      <h2 id="scores-heading" class="card__title">
        {t('scores.heading')}
      </h2>
      <Switch>
        <Match when={props.view.state === 'no-fit'}>
          <div class="callout scores__notice">
            <p class="callout__title">{t('scores.noFit')}</p>
            <p class="callout__body">
              {t('scores.noFitHint')} <A href="/analytics">{t('scores.noFitLink')}</A>
            </p>
          </div>
        </Match>
        <Match when={props.view.state === 'no-orders'}>
          <div class="callout scores__notice">
            <p class="callout__title">{t('scores.noOrders')}</p>
            <p class="callout__body">{t('scores.noOrdersHint')}</p>
          </div>
        </Match>
        <Match when={props.view.state === 'scored' ? (props.view as Scored) : undefined}>
          {(scored) => <ScoredTiles scored={scored()} />}
        </Match>
      </Switch>
    </section>
  );
}

function ScoredTiles(props: { scored: Scored }) {
  const t = useMessages(customer360Messages);
  const format = useFormat();
  const why = () => props.scored.why;
  const currency = () => props.scored.model?.currency ?? undefined;
  const money = (minor: number | null) =>
    minor === null ? t('why.unavailable') : format.money(Math.round(minor), currency());
  const n = (value: number | null, digits = 2) =>
    value === null ? t('why.unavailable') : format.number(value, { maximumFractionDigits: digits });
  const footer = () => {
    const model = props.scored.model;
    if (!model) return undefined;
    const fitted = t('why.model', {
      date: format.date(model.fittedAt),
      to: model.calibration?.to ? format.date(model.calibration.to) : '—',
    });
    // Parameters and cut-offs from a sample would otherwise read as fitted on every buyer.
    const sample = model.sample;
    return sample ? (
      <>
        {fitted}
        <span class="why__sample">
          {t('why.sample', { customers: format.number(sample.customers), of: format.number(sample.of) })}
        </span>
      </>
    ) : (
      fitted
    );
  };
  const segmentLabel = (segment: string | null) =>
    segment ? t(`segment.${segment}` as Parameters<typeof t>[0]) : t('why.unavailable');

  return (
    <>
      <Show when={props.scored.asOf}>
        {(asOf) => <p class="scores__as-of muted">{t('scores.asOf', { date: format.date(asOf()) })}</p>}
      </Show>
      <div class="scores__grid">
        <ScoreTile
          label={t('scores.abc')}
          testId="abc"
          why={
            <WhyPopover
              name={t('scores.abc')}
              inputs={[{ label: t('why.total'), value: money(why().abc.value) }]}
              params={[
                { label: t('why.minA'), value: money(why().abc.minA) },
                { label: t('why.minB'), value: money(why().abc.minB) },
              ]}
              footer={footer()}
            />
          }
        >
          {why().abc.abcClass
            ? t('scores.abcValue', { value: why().abc.abcClass ?? '' })
            : t('why.unavailable')}
        </ScoreTile>

        <ScoreTile
          label={t('scores.rfm')}
          testId="rfm"
          why={
            <Show when={why().rfm}>
              {(rfm) => (
                <WhyPopover
                  name={t('scores.rfm')}
                  inputs={[
                    { label: t('why.recency'), value: n(rfm().recencyDays, 0) },
                    { label: t('why.frequency'), value: n(rfm().frequency, 0) },
                    { label: t('why.monetary'), value: money(rfm().monetary) },
                    { label: t('why.rfmScores'), value: `${rfm().r} / ${rfm().f} / ${rfm().m}` },
                  ]}
                  rule={rfm().code ? `RFM ${rfm().code} → ${segmentLabel(rfm().segment)}` : null}
                  footer={footer()}
                />
              )}
            </Show>
          }
        >
          {segmentLabel(props.scored.scores.segment)}
        </ScoreTile>

        <ScoreTile
          label={t('scores.pAlive')}
          testId="p-alive"
          why={
            <WhyPopover
              name={t('scores.pAlive')}
              inputs={[
                ...repeatRows(t, format, why()),
                { label: t('why.expected90'), value: n(why().expectedPurchases90d.value) },
              ]}
              params={modelRows(format, why())}
              rule={why().pAlive.equation}
              footer={footer()}
            />
          }
        >
          <Show
            when={!props.scored.oneTimeBuyer}
            fallback={
              <div class="score__no-repeat">
                <strong>{t('scores.noRepeat')}</strong>
                <span class="muted">{t('scores.noRepeatHint')}</span>
              </div>
            }
          >
            <PAliveGauge
              value={why().pAlive.value}
              label={t('scores.pAliveLabel')}
              valueText={format.percent(why().pAlive.value, 0)}
            />
          </Show>
        </ScoreTile>

        <ScoreTile
          label={t('scores.next')}
          testId="next-purchase"
          why={
            <WhyPopover
              name={t('scores.next')}
              inputs={[
                ...repeatRows(t, format, why()),
                { label: t('why.medianWeeks'), value: n(why().nextPurchase.medianWeeks, 1) },
              ]}
              params={modelRows(format, why())}
              rule={why().nextPurchase.rule}
              footer={footer()}
            />
          }
        >
          <Show
            when={!props.scored.oneTimeBuyer}
            fallback={<span class="score__muted">{t('scores.noRepeat')}</span>}
          >
            <span title={t('scores.nextHint')}>
              {why().nextPurchase.date ? format.date(why().nextPurchase.date ?? '') : t('scores.nextNone')}
            </span>
          </Show>
        </ScoreTile>

        <ScoreTile
          label={t('scores.clv')}
          testId="clv"
          why={
            <WhyPopover
              name={t('scores.clv')}
              inputs={[
                { label: t('why.spendCount'), value: n(why().clv.spendCount, 0) },
                { label: t('why.meanSpend'), value: money(why().clv.meanSpend) },
                { label: t('why.expectedSpend'), value: money(why().clv.expectedSpend) },
                { label: t('why.discountedPurchases'), value: n(why().clv.discountedPurchases) },
              ]}
              params={[
                ...(why().clv.params
                  ? [
                      { label: 'p', value: n(why().clv.params?.p ?? null, 3) },
                      { label: 'q', value: n(why().clv.params?.q ?? null, 3) },
                      { label: 'γ', value: n(why().clv.params?.gamma ?? null, 3) },
                    ]
                  : []),
                ...(why().clv.options
                  ? [
                      { label: t('why.horizon'), value: n(why().clv.options?.horizonMonths ?? null, 0) },
                      {
                        label: t('why.discount'),
                        value: format.percent(why().clv.options?.monthlyDiscountRate ?? 0, 1),
                      },
                      { label: t('why.margin'), value: format.percent(why().clv.options?.margin ?? 0, 0) },
                    ]
                  : []),
              ]}
              rule={why().clv.equation}
              footer={footer()}
            />
          }
        >
          {why().clv.value === null ? (
            <span class="score__muted">{t('scores.clvNone')}</span>
          ) : (
            format.estimate(why().clv.value as number, currency())
          )}
        </ScoreTile>
      </div>
    </>
  );
}
