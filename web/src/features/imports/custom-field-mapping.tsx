import { For, Show } from 'solid-js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import { type ColumnMapping, type CustomFieldDefinition, customFieldMappingKey } from './column-mapping.js';
import { importsMessages } from './messages.js';

/** Options listed in a field's hint before it is cut short. */
const HINTED_OPTIONS = 6;

/**
 * The wizard's second mapping table: the tenant's custom fields, each with the file's column that
 * fills it and the type its cells are read as (what the dry run checks them against).
 */
export function CustomFieldMapping(props: {
  definitions: readonly CustomFieldDefinition[];
  columns: readonly string[];
  mapping: ColumnMapping;
  tenantCurrency: string;
  exampleOf: (column: string) => string;
  onChange: (field: string, column: string) => void;
}) {
  const t = useMessages(importsMessages);
  const { locale } = useLocale();
  const labelOf = (definition: CustomFieldDefinition) =>
    (locale() === 'zh-CN' ? definition.label.zh : undefined) ?? definition.label.en;
  const typeOf = (definition: CustomFieldDefinition) => {
    switch (definition.type) {
      case 'enum': {
        const options = definition.options ?? [];
        const listed = options.slice(0, HINTED_OPTIONS).join(', ');
        return t('type.enum', { options: options.length > HINTED_OPTIONS ? `${listed}, …` : listed });
      }
      case 'money':
        return t('type.money', { currency: definition.currency ?? props.tenantCurrency });
      default:
        return t(`type.${definition.type}`);
    }
  };
  return (
    <section class="mapping-custom" aria-labelledby="mapping-custom-title">
      <h3 class="section-title" id="mapping-custom-title">
        {t('map.customFields')}
      </h3>
      <p class="field__description">{t('map.customFieldsNote')}</p>
      <div class="mapping-table__scroll">
        <table class="table mapping-table" ref={stackRowsWhenNarrow}>
          <thead>
            <tr>
              <th scope="col">{t('map.field')}</th>
              <th scope="col">{t('map.column')}</th>
              <th scope="col">{t('map.example')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.definitions}>
              {(definition) => {
                const field = customFieldMappingKey(definition.key);
                const id = `map-custom-${definition.key}`;
                return (
                  <tr>
                    <th scope="row">
                      <label for={id}>{labelOf(definition)}</label>
                      <Show when={definition.required}>
                        <span class="badge">{t('map.required')}</span>
                      </Show>
                      <Show when={definition.unique}>
                        <span class="badge">{t('map.unique')}</span>
                      </Show>
                      <span class="mapping-table__type" id={`${id}-type`}>
                        {typeOf(definition)}
                      </span>
                    </th>
                    <td>
                      <select
                        id={id}
                        class="field__input"
                        aria-describedby={`${id}-type`}
                        value={props.mapping[field] ?? ''}
                        onChange={(event) => props.onChange(field, event.currentTarget.value)}
                      >
                        <option value="">{t('map.none')}</option>
                        <For each={props.columns}>{(column) => <option value={column}>{column}</option>}</For>
                      </select>
                    </td>
                    <td class="mapping-table__example">{props.exampleOf(props.mapping[field] ?? '')}</td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
