import { createSignal, For, type JSX, Show } from 'solid-js';
import { unwrap } from '../../../lib/api/errors.js';
import type { components } from '../../../lib/api/schema.js';
import { useApi } from '../../../lib/auth/auth-context.js';
import { useFormat } from '../../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../../lib/i18n/i18n-context.js';
import { Button } from '../../../lib/ui/button.js';
import { createVersionedSave, VersionConflictDialog } from '../../../lib/ui/version-conflict.js';
import { memberTierMessages } from '../../policies/member-tier-messages.js';
import { customer360Messages } from '../360-messages.js';
import type { ScoreView } from './insights-reader.js';
import { MemberTierBadge } from './member-tier-badge.js';
import { WhyPopover } from './why-popover.js';

type Customer = components['schemas']['Customer'];
type LifecycleStage = components['schemas']['LifecycleStage'];
type RelationshipLevel = components['schemas']['RelationshipLevel'];
type Classification = { lifecycleStage?: LifecycleStage; relationshipLevel?: RelationshipLevel };

const lifecycleStages: readonly string[] = ['identification', 'development', 'stability', 'decline'];
const relationshipLevels: readonly string[] = [
  'basic',
  'reactive',
  'accountable',
  'proactive',
  'partnership',
];
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
  onChanged: (customer: Customer) => void;
}) {
  const t = useMessages(customer360Messages);
  const labelled = useLabelled();
  const tierLabel = useMessages(memberTierMessages);
  const format = useFormat();
  const api = useApi();
  const [saveError, setSaveError] = createSignal<string>();
  // Adopting the model's suggestion is an edit of the customer: sent with If-Match, a 409 shows the newer version.
  const classification = createVersionedSave<Customer, Classification>({
    // A tenant user's edit answers the whole customer (only a partner gets its share back).
    save: (change, version) =>
      unwrap(
        api.PATCH('/v1/customers/{customerId}', {
          params: { path: { customerId: props.customer.id } },
          headers: { 'If-Match': `"${version}"` },
          body: change,
        }),
      ) as Promise<Customer>,
    latest: async () => {
      const latest = await unwrap(
        api.GET('/v1/customers/{customerId}', { params: { path: { customerId: props.customer.id } } }),
      );
      if (!('stats' in latest) || typeof latest.version !== 'number') throw new Error('not a whole customer');
      return latest as Customer;
    },
  });
  const adopt = async (change: Classification) => {
    setSaveError(undefined);
    try {
      const saved = await classification.save(change, props.customer.version);
      if (saved) props.onChanged(saved);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  };
  const why = () => (props.scores?.state === 'scored' ? props.scores.why : undefined);
  const n = (value: number | null) =>
    value === null ? t('why.unavailable') : format.number(value, { maximumFractionDigits: 2 });
  return (
    <div class="card">
      <dl class="facts" aria-label={props.customer.name}>
        <Fact label={t('field.kind')}>{t(`kind.${props.customer.kind}` as Key)}</Fact>
        <Fact label={t('field.status')}>
          <span class={`badge badge--${props.customer.status}`}>
            {t(`status.${props.customer.status}` as Key)}
          </span>
        </Fact>
        <Fact label={tierLabel('badge')}>
          <MemberTierBadge tier={props.customer.memberTier} />
        </Fact>
        <Fact label={t('field.owner')}>{props.ownerName ?? t('field.ownerNone')}</Fact>
        <Fact label={t('field.tags')}>
          <Show
            when={props.customer.tags.length > 0}
            fallback={<span class="muted">{t('field.noTags')}</span>}
          >
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
                <span>{t('field.suggested', { value: t(`lifecycle.${lifecycle().stage}` as Key) })}</span>
                <Show
                  when={
                    lifecycle().stage !== props.customer.lifecycleStage &&
                    lifecycleStages.includes(lifecycle().stage)
                  }
                >
                  <Button
                    variant="ghost"
                    class="fact__adopt"
                    aria-label={`${t('field.adopt')}: ${t('field.lifecycle')}`}
                    onClick={() => adopt({ lifecycleStage: lifecycle().stage as LifecycleStage })}
                  >
                    {t('field.adopt')}
                  </Button>
                </Show>
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
                <span>
                  {t('field.suggested', { value: t(`relationship.${relationship().level}` as Key) })}
                </span>
                <Show
                  when={
                    relationship().level !== props.customer.relationshipLevel &&
                    relationshipLevels.includes(relationship().level)
                  }
                >
                  <Button
                    variant="ghost"
                    class="fact__adopt"
                    aria-label={`${t('field.adopt')}: ${t('field.relationship')}`}
                    onClick={() => adopt({ relationshipLevel: relationship().level as RelationshipLevel })}
                  >
                    {t('field.adopt')}
                  </Button>
                </Show>
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
      <Show when={saveError()}>
        <p class="form__error" role="alert">
          {saveError()}
        </p>
      </Show>
      <VersionConflictDialog
        state={classification}
        describe={(latest) => (
          <p>
            {labelled(t('field.lifecycle'))}
            {latest.lifecycleStage ? t(`lifecycle.${latest.lifecycleStage}` as Key) : t('field.notSet')}
            <br />
            {labelled(t('field.relationship'))}
            {latest.relationshipLevel
              ? t(`relationship.${latest.relationshipLevel}` as Key)
              : t('field.notSet')}
          </p>
        )}
        onResolved={(saved) => {
          if (saved) props.onChanged(saved);
        }}
      />
    </div>
  );
}
