import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import { EmptyState } from '../../lib/ui/states.js';
import { ConfirmDialog } from './admin-dialog.js';
import { CustomFieldDialog } from './custom-field-dialog.js';
import { settingsMessages } from './messages.js';

type Definition = components['schemas']['CustomFieldDefinition'];

/**
 * The tenant's custom customer fields (数据字段定制): list, add, edit, archive and restore. The
 * API never deletes a definition (stored values keep their meaning); archiving is the removal.
 */
export function CustomFieldsSection(props: { canEdit: boolean }) {
  const t = useMessages(settingsMessages);
  const api = useApi();
  const { locale } = useLocale();
  const [definitions, { refetch }] = createResource(() => unwrap(api.GET('/v1/custom-fields')));
  const [showArchived, setShowArchived] = createSignal(false);
  const [creating, setCreating] = createSignal(false);
  const [editing, setEditing] = createSignal<Definition>();
  const [toArchive, setToArchive] = createSignal<Definition>();
  const [rowError, setRowError] = createSignal<string>();

  const labelOf = (definition: Definition) =>
    (locale() === 'zh-CN' ? definition.label.zh : undefined) ?? definition.label.en;
  const shown = createMemo(() =>
    (definitions()?.items ?? []).filter((definition) => showArchived() || !definition.archived),
  );

  const setArchived = async (definition: Definition, archived: boolean) => {
    await unwrap(
      api.PATCH('/v1/custom-fields/{key}', {
        params: { path: { key: definition.key } },
        body: { archived, version: definition.version },
      }),
    );
    await refetch();
  };

  return (
    <ActionCard
      title={t('fields.title')}
      action={
        <Show when={props.canEdit}>
          <Button onClick={() => setCreating(true)}>{t('fields.create')}</Button>
        </Show>
      }
    >
      <label class="checkbox fields-archived-toggle">
        <input
          type="checkbox"
          checked={showArchived()}
          onChange={(event) => setShowArchived(event.currentTarget.checked)}
        />
        {t('fields.showArchived')}
      </label>
      <Show when={rowError()}>
        <p class="form__error" role="alert">
          {rowError()}
        </p>
      </Show>
      <AsyncView
        resource={definitions}
        onRetry={() => void refetch()}
        isEmpty={() => shown().length === 0}
        empty={<EmptyState title={t('fields.empty')} />}
      >
        {() => (
          <div class="table-scroll">
            <table class="table" ref={stackRowsWhenNarrow}>
              <thead>
                <tr>
                  <th scope="col">{t('fields.label')}</th>
                  <th scope="col">{t('fields.key')}</th>
                  <th scope="col">{t('fields.type')}</th>
                  <th scope="col">{t('fields.flags')}</th>
                  <Show when={props.canEdit}>
                    <th scope="col">{t('fields.actions')}</th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={shown()}>
                  {(definition) => (
                    <tr classList={{ 'table__row--muted': definition.archived }}>
                      <th scope="row">
                        {labelOf(definition)}
                        <Show when={definition.archived}>
                          <span class="badge">{t('fields.archived')}</span>
                        </Show>
                      </th>
                      <td>
                        <code>{definition.key}</code>
                      </td>
                      <td>
                        {t(`type.${definition.type}`)}
                        <Show when={definition.type === 'money' && definition.currency}>
                          {` · ${definition.currency}`}
                        </Show>
                        <Show when={definition.options}>
                          {(options) => <div class="field__description">{options().join(' · ')}</div>}
                        </Show>
                      </td>
                      <td>
                        <Show when={!definition.required && !definition.unique}>—</Show>
                        <Show when={definition.required}>
                          <span class="badge">{t('fields.required')}</span>
                        </Show>
                        <Show when={definition.unique}>
                          <span class="badge">{t('fields.uniqueShort')}</span>
                        </Show>
                      </td>
                      <Show when={props.canEdit}>
                        <td>
                          <div class="row-actions">
                            <Show
                              when={!definition.archived}
                              fallback={
                                <Button
                                  variant="ghost"
                                  aria-label={`${t('fields.restore')} ${labelOf(definition)}`}
                                  onClick={async () => {
                                    setRowError(undefined);
                                    try {
                                      await setArchived(definition, false);
                                    } catch (error) {
                                      setRowError(error instanceof Error ? error.message : String(error));
                                    }
                                  }}
                                >
                                  {t('fields.restore')}
                                </Button>
                              }
                            >
                              <Button
                                variant="ghost"
                                aria-label={`${t('action.edit')} ${labelOf(definition)}`}
                                onClick={() => setEditing(definition)}
                              >
                                {t('action.edit')}
                              </Button>
                              <Button
                                variant="ghost"
                                aria-label={`${t('fields.archive')} ${labelOf(definition)}`}
                                onClick={() => setToArchive(definition)}
                              >
                                {t('fields.archive')}
                              </Button>
                            </Show>
                          </div>
                        </td>
                      </Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
      <CustomFieldDialog
        open={creating() || editing() !== undefined}
        editing={editing()}
        onOpenChange={(open) => {
          if (!open) {
            setCreating(false);
            setEditing(undefined);
          }
        }}
        onSaved={() => void refetch()}
      />
      <ConfirmDialog
        open={toArchive() !== undefined}
        onOpenChange={(open) => {
          if (!open) setToArchive(undefined);
        }}
        title={t('fields.archiveTitle', { label: toArchive() ? labelOf(toArchive() as Definition) : '' })}
        body={t('fields.archiveBody')}
        confirmLabel={t('fields.archive')}
        onConfirm={async () => {
          const definition = toArchive();
          if (definition) await setArchived(definition, true);
        }}
      />
    </ActionCard>
  );
}
