import { createComputed, createResource, createSignal, type JSX, Show } from 'solid-js';
import { createStore, reconcile, type SetStoreFunction, unwrap as unwrapStore } from 'solid-js/store';
import { ApiError, isVersionConflict } from '../../lib/api/errors.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { Card } from '../../lib/ui/page.js';
import { policiesMessages } from './messages.js';

/** What each policy route answers: the policy, its version (0 before the first save), when saved. */
export type PolicyView<P> = { policy: P; version: number; updatedAt: string | null };

export type PolicyEditor<P extends object> = {
  draft: P;
  set: SetStoreFunction<P>;
  /** What the API said of a field of the policy (`grades.0.minScore`) in the last 400, in the user's language. */
  fieldError: (path: string) => string | undefined;
};

/**
 * One policy's editor frame: loads it, keeps an editable copy, saves it with the version it was
 * read at; a 409 says someone else saved meanwhile and offers a reload, a 400 names the fields.
 * Read-only (a member: the API lets every staff role read a policy but only admins save one), the
 * same fields show the saved values, disabled, with nothing to save.
 */
export function PolicySection<P extends object>(props: {
  title: string;
  description: string;
  load: () => Promise<PolicyView<P>>;
  save: (policy: P, version: number) => Promise<PolicyView<P>>;
  children: (editor: PolicyEditor<P>) => JSX.Element;
  /** Shown between the fields and the save button (the credit policy's preview); not when read-only. */
  beforeSave?: (draft: P) => JSX.Element;
  /** Shows the policy without letting it change (the caller may read but not save it). */
  readOnly?: boolean;
}) {
  const t = useMessages(policiesMessages);
  const [view, { mutate, refetch }] = createResource(props.load);
  const [draft, setDraft] = createStore<P>({} as P);
  const [version, setVersion] = createSignal(0);
  const [conflict, setConflict] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const form = createForm();

  // Synchronously, so the fields never render against an empty draft.
  createComputed(() => {
    const loaded = view();
    if (!loaded) return;
    setDraft(reconcile(structuredClone(loaded.policy)));
    setVersion(loaded.version);
  });

  const submit = form.submit(async () => {
    setSaved(false);
    setConflict(false);
    try {
      const result = await props.save(structuredClone(unwrapStore(draft)), version());
      mutate(() => result);
      setSaved(true);
    } catch (error) {
      if (isVersionConflict(error)) setConflict(true);
      else throw error;
    }
  });

  const reload = async () => {
    setConflict(false);
    setSaved(false);
    form.setError(undefined);
    await refetch();
  };

  const failure = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && error.fields.length > 0) return t('save.fieldsInvalid');
    return error instanceof Error ? error.message : String(error);
  };

  return (
    <Card title={props.title}>
      <p class="policy__description">{props.description}</p>
      <AsyncView resource={view} onRetry={() => void refetch()}>
        {(loaded) => (
          // The API validates the whole policy and names each field; the browser's step checks would
          // refuse ratios such as 1.5 before the API could say anything.
          <form class="form policy-form" onSubmit={submit} aria-label={props.title} noValidate>
            <p class="policy__version">
              {loaded.version === 0 ? t('version.default') : t('version.saved', { version: loaded.version })}
            </p>
            {/* A disabled fieldset disables every control inside, the add and remove buttons too. */}
            <fieldset class="policy__fields" disabled={props.readOnly === true}>
              {props.children({
                draft,
                set: setDraft,
                fieldError: (path) => form.fieldError(`policy.${path}`),
              })}
            </fieldset>
            <Show when={!props.readOnly}>{props.beforeSave?.(draft)}</Show>
            <Show when={conflict()}>
              <div class="callout--warning policy__conflict" role="alert">
                <p>{t('save.conflict')}</p>
                <Button variant="secondary" onClick={() => void reload()}>
                  {t('save.reload')}
                </Button>
              </div>
            </Show>
            <Show when={failure()}>
              {(message) => (
                <p class="form__error" role="alert">
                  {message()}
                </p>
              )}
            </Show>
            <Show when={saved()}>
              <p class="policy__saved" role="status">
                {t('save.done')}
              </p>
            </Show>
            <Show when={!props.readOnly}>
              <div class="policy__actions">
                <Button type="submit" disabled={form.pending()}>
                  {t('save.button')}
                </Button>
              </div>
            </Show>
          </form>
        )}
      </AsyncView>
    </Card>
  );
}
