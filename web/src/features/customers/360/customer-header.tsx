import { For, type JSX, Show } from 'solid-js';
import type { components } from '../../../lib/api/schema.js';
import { useFormat } from '../../../lib/format/use-format.js';
import { useMessages } from '../../../lib/i18n/i18n-context.js';
import { customer360Messages } from '../360-messages.js';
import type { ScoreView } from './insights-reader.js';
import { WhyPopover } from './why-popover.js';

type Customer = components['schemas']['Customer'];
type Key = Parameters<ReturnType<typeof useMessages<typeof customer360Messages>>>[0];

function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div class="fact">
      <dt class="fact__label">{props.label}</dt>
      <dd class="fact__value">{props.children}</dd>
    </div>
  );
}

/** Who the customer is: kind, status, owner, tags, lifecycle stage and relationship level. */
export function CustomerHeader(props: {
  customer: Customer;
  scores: ScoreView | undefined;
  ownerName: string | undefined;
}) {
  const t = useMessages(customer360Messages);
  const format = useFormat();
  const why = () => (props.scores?.state === 'scored' ? props.scores.why : undefined);
  const n = (value: number | null) =>
    value === null ? t('why.unavailable') : format.number(value, { maximumFractionDigits: 2 });
  return (
    <dl class="card facts" aria-label={props.customer.name}>
      <Fact label={t('field.kind')}>{t(`kind.${props.customer.kind}` as Key)}</Fact>
      <Fact label={t('field.status')}>
        <span class={`badge badge--${props.customer.status}`}>
          {t(`status.${props.customer.status}` as Key)}
        </span>
      </Fact>
      <Fact label={t('field.owner')}>{props.ownerName ?? t('field.ownerNone')}</Fact>
      <Fact label={t('field.tags')}>
        <Show when={props.customer.tags.length > 0} fallback={<span class="muted">{t('field.noTags')}</span>}>
          <ul class="tags">
            <For each={props.customer.tags}>{(tag) => <li class="tag">{tag}</li>}</For>
          </ul>
        </Show>
      </Fact>
      <Fact label={t('field.lifecycle')}>
        <span>
          {props.customer.lifecycleStage
            ? t(`lifecycle.${props.customer.lifecycleStage}` as Key)
            : t('field.notSet')}
        </span>
        <Show when={why()?.lifecycle}>
          {(lifecycle) => (
            <span class="fact__suggestion">
              {t('field.suggested', { value: t(`lifecycle.${lifecycle().stage}` as Key) })}
              <WhyPopover
                name={t('field.lifecycle')}
                inputs={[
                  { label: t('why.tenure'), value: n(lifecycle().tenureWeeks) },
                  { label: t('why.x'), value: n(lifecycle().repeatPurchases) },
                  {
                    label: t('scores.pAlive'),
                    value:
                      lifecycle().pAlive === null
                        ? t('why.unavailable')
                        : format.percent(lifecycle().pAlive ?? 0, 0),
                  },
                  { label: t('why.trend'), value: n(lifecycle().trend) },
                ]}
                rule={lifecycle().rule}
              />
            </span>
          )}
        </Show>
      </Fact>
      <Fact label={t('field.relationship')}>
        <span>
          {props.customer.relationshipLevel
            ? t(`relationship.${props.customer.relationshipLevel}` as Key)
            : t('field.notSet')}
        </span>
        <Show when={why()?.relationship}>
          {(relationship) => (
            <span class="fact__suggestion">
              {t('field.suggested', { value: t(`relationship.${relationship().level}` as Key) })}
              <WhyPopover
                name={t('field.relationship')}
                inputs={[
                  { label: t('why.customersInClass'), value: n(relationship().customersInClass) },
                  {
                    label: t('why.marginRate'),
                    value:
                      relationship().marginRate === null
                        ? t('why.unavailable')
                        : format.percent(relationship().marginRate ?? 0, 0),
                  },
                ]}
                rule={relationship().rule}
              />
            </span>
          )}
        </Show>
      </Fact>
    </dl>
  );
}
