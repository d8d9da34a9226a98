import { createSignal, For, Show } from 'solid-js';
import { useMessages } from '../../../lib/i18n/i18n-context.js';
import { Button } from '../../../lib/ui/button.js';
import { FormField } from '../../../lib/ui/form-field.js';
import { customersListMessages } from '../list-messages.js';
import { ListDialog } from './list-dialog.js';
import { type ListState, listStateFrom, searchParamsOf } from './list-query.js';
import { readSavedViews, type SavedView, savedViewsKey, withView, writeSavedViews } from './saved-views.js';

/** Choose, save and delete the user's saved views (kept in this browser, per tenant and user). */
export function SavedViewsPicker(props: {
  tenantId: string;
  userId: string;
  state: ListState;
  onApply: (state: ListState) => void;
}) {
  const t = useMessages(customersListMessages);
  const key = () => savedViewsKey(props.tenantId, props.userId);
  const [views, setViews] = createSignal<SavedView[]>(readSavedViews(localStorage, key()));
  const [chosen, setChosen] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [name, setName] = createSignal('');
  const [nameError, setNameError] = createSignal<string>();

  const store = (next: SavedView[]) => {
    writeSavedViews(localStorage, key(), next);
    setViews(next);
  };
  const save = () => {
    const trimmed = name().trim();
    if (!trimmed) {
      setNameError(t('views.nameRequired'));
      return;
    }
    const params = searchParamsOf(props.state);
    const state = Object.fromEntries(
      Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    store(withView(views(), { name: trimmed, state }));
    setChosen(trimmed);
    setSaving(false);
  };

  return (
    <div class="saved-views">
      <div class="field field--compact">
        <label class="field__label" for="saved-view">
          {t('views.label')}
        </label>
        <select
          id="saved-view"
          class="field__input"
          value={chosen()}
          onChange={(event) => {
            const view = views().find((candidate) => candidate.name === event.currentTarget.value);
            setChosen(view?.name ?? '');
            if (view) props.onApply(listStateFrom(view.state));
          }}
        >
          <option value="">{t('views.none')}</option>
          <For each={views()}>{(view) => <option value={view.name}>{view.name}</option>}</For>
        </select>
      </div>
      <Button
        variant="secondary"
        onClick={() => {
          setName(chosen());
          setNameError(undefined);
          setSaving(true);
        }}
      >
        {t('views.save')}
      </Button>
      <Show when={chosen()}>
        <Button
          variant="ghost"
          onClick={() => {
            store(views().filter((view) => view.name !== chosen()));
            setChosen('');
          }}
        >
          {t('views.delete')}
        </Button>
      </Show>
      <ListDialog
        open={saving()}
        onClose={() => setSaving(false)}
        title={t('views.saveTitle')}
        description={t('views.saveBody')}
        actions={
          <>
            <Button variant="secondary" onClick={() => setSaving(false)}>
              {t('views.cancel')}
            </Button>
            <Button onClick={save}>{t('views.confirm')}</Button>
          </>
        }
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <FormField
            name="viewName"
            label={t('views.name')}
            value={name()}
            onChange={setName}
            error={nameError()}
            autofocus
          />
        </form>
      </ListDialog>
    </div>
  );
}
