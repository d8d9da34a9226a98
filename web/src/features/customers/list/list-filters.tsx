import { createEffect, createSignal, For, type JSX, on, Show } from 'solid-js';
import type { components } from '../../../lib/api/schema.js';
import { useLocale, useMessages } from '../../../lib/i18n/i18n-context.js';
import { Button } from '../../../lib/ui/button.js';
import { customersListMessages } from '../list-messages.js';
import { customerStatuses, type ListState, lifecycleStages, rfmSegments } from './list-query.js';

export type CustomFieldDefinition = components['schemas']['CustomFieldDefinition'];
export type OwnerOption = { id: string; name: string };
/** A tier of the tenant's member programme, named in the screen's language. */
export type TierOption = { key: string; name: string };

/** A labelled native select: keyboard and screen-reader friendly everywhere, no popup to manage. */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: JSX.Element;
}) {
  return (
    <div class="field field--compact">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        class="field__input"
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {props.children}
      </select>
    </div>
  );
}

/** A text filter applied on Enter or when the field loses focus (not on each keystroke). */
function TextFilter(props: { id: string; label: string; value: string; onCommit: (value: string) => void }) {
  const [draft, setDraft] = createSignal(props.value);
  createEffect(
    on(
      () => props.value,
      (value) => setDraft(value),
      { defer: true },
    ),
  );
  const commit = () => {
    if (draft().trim() !== props.value) props.onCommit(draft().trim());
  };
  return (
    <div class="field field--compact">
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        class="field__input"
        value={draft()}
        maxLength={40}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
    </div>
  );
}

/** The filter panel: every filter GET /v1/customers supports. */
export function ListFilters(props: {
  state: ListState;
  onChange: (change: Partial<ListState>) => void;
  owners: readonly OwnerOption[];
  customFields: readonly CustomFieldDefinition[];
  tiers: readonly TierOption[];
}) {
  const t = useMessages(customersListMessages);
  const { locale } = useLocale();
  const fieldLabel = (definition: CustomFieldDefinition) =>
    locale() === 'zh-CN' ? (definition.label.zh ?? definition.label.en) : definition.label.en;
  const selectedField = () => props.customFields.find((field) => field.key === props.state.customFieldKey);
  const any = () => <option value="">{t('filter.any')}</option>;

  return (
    <div class="list-filters" id="customer-filters">
      <SelectField
        id="filter-archived"
        label={t('filter.show')}
        value={props.state.archived ? 'true' : 'false'}
        onChange={(value) => props.onChange({ archived: value === 'true' })}
      >
        <option value="false">{t('filter.live')}</option>
        <option value="true">{t('filter.archived')}</option>
      </SelectField>
      <SelectField
        id="filter-status"
        label={t('filter.status')}
        value={props.state.status}
        onChange={(value) => props.onChange({ status: value as ListState['status'] })}
      >
        {any()}
        <For each={customerStatuses}>
          {(status) => <option value={status}>{t(`status.${status}`)}</option>}
        </For>
      </SelectField>
      <TextFilter
        id="filter-tag"
        label={t('filter.tag')}
        value={props.state.tag}
        onCommit={(tag) => props.onChange({ tag })}
      />
      <SelectField
        id="filter-owner"
        label={t('filter.owner')}
        value={props.state.ownerId}
        onChange={(ownerId) => props.onChange({ ownerId })}
      >
        {any()}
        {/* `selected` too: the owners load after the select exists (the URL may already name one). */}
        <For each={props.owners}>
          {(owner) => (
            <option value={owner.id} selected={owner.id === props.state.ownerId}>
              {owner.name}
            </option>
          )}
        </For>
      </SelectField>
      <SelectField
        id="filter-stage"
        label={t('filter.lifecycle')}
        value={props.state.lifecycleStage}
        onChange={(value) => props.onChange({ lifecycleStage: value as ListState['lifecycleStage'] })}
      >
        {any()}
        <For each={lifecycleStages}>{(stage) => <option value={stage}>{t(`stage.${stage}`)}</option>}</For>
      </SelectField>
      <SelectField
        id="filter-segment"
        label={t('filter.segment')}
        value={props.state.segment}
        onChange={(segment) => props.onChange({ segment })}
      >
        {any()}
        <For each={rfmSegments}>
          {(segment) => <option value={segment}>{t(`segment.${segment}`)}</option>}
        </For>
      </SelectField>
      <Show when={props.tiers.length > 0}>
        <SelectField
          id="filter-tier"
          label={t('filter.tier')}
          value={props.state.tier}
          onChange={(tier) => props.onChange({ tier })}
        >
          {any()}
          <For each={props.tiers}>{(tier) => <option value={tier.key}>{tier.name}</option>}</For>
        </SelectField>
      </Show>
      <Show when={props.customFields.length > 0}>
        <SelectField
          id="filter-custom-field"
          label={t('filter.customField')}
          value={props.state.customFieldKey}
          onChange={(customFieldKey) => props.onChange({ customFieldKey, customFieldValue: '' })}
        >
          {any()}
          <For each={props.customFields}>
            {(field) => <option value={field.key}>{fieldLabel(field)}</option>}
          </For>
        </SelectField>
        <Show when={selectedField()}>
          {(field) => (
            <Show
              when={field().type === 'enum' || field().type === 'boolean'}
              fallback={
                <TextFilter
                  id="filter-custom-value"
                  label={t('filter.customFieldValue')}
                  value={props.state.customFieldValue}
                  onCommit={(customFieldValue) => props.onChange({ customFieldValue })}
                />
              }
            >
              <SelectField
                id="filter-custom-value"
                label={t('filter.customFieldValue')}
                value={props.state.customFieldValue}
                onChange={(customFieldValue) => props.onChange({ customFieldValue })}
              >
                {any()}
                <For each={field().type === 'boolean' ? ['true', 'false'] : (field().options ?? [])}>
                  {(option) => <option value={option}>{option}</option>}
                </For>
              </SelectField>
            </Show>
          )}
        </Show>
      </Show>
      <div class="list-filters__actions">
        <Button
          variant="ghost"
          onClick={() =>
            props.onChange({
              archived: false,
              status: '',
              tag: '',
              ownerId: '',
              lifecycleStage: '',
              segment: '',
              tier: '',
              customFieldKey: '',
              customFieldValue: '',
            })
          }
        >
          {t('filters.clear')}
        </Button>
      </div>
    </div>
  );
}
