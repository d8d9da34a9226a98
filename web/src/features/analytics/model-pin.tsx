import { createResource, createSignal, For, Show } from 'solid-js';
import type { ApiClient } from '../../lib/api/client.js';
import { ApiError, isVersionConflict, unwrap } from '../../lib/api/errors.js';
import { useFieldIssueText } from '../../lib/api/field-issue-text.js';
import type { components } from '../../lib/api/schema.js';
import { Button } from '../../lib/ui/button.js';
import type { ModelFit } from './create-refit.js';
import { useFitLabels } from './fit-labels.js';
import { PURCHASE_MODEL_NAMES, type PurchaseModelName, purchaseModelLabel } from './purchase-model-names.js';

type Policy = components['schemas']['PurchaseModelPolicy'];

const PINNABLE = Object.keys(PURCHASE_MODEL_NAMES) as PurchaseModelName[];
const takesK = (model: Policy['model']) => model === 'bgcnbd' || model === 'mbgcnbd';

/**
 * The tenant's purchase-model pin (issue 13): says when an admin pinned one, and lets owners and
 * admins pin a model (k fixed or by likelihood) or return to the holdout's choice. The refit
 * follows the pin from its next run; the comparison still runs, so the table keeps its meaning.
 */
export function ModelPin(props: { api: ApiClient; canPin: boolean; fit: ModelFit }) {
  const { t } = useFitLabels();
  const issueText = useFieldIssueText();
  // Without the policy (an older API, a network failure) the card still shows the choice, unpinnable.
  const [view, { mutate, refetch }] = createResource(() =>
    unwrap(props.api.GET('/v1/analytics/policy')).catch(() => undefined),
  );
  const [model, setModel] = createSignal<Policy['model'] | undefined>();
  const [kText, setKText] = createSignal<string | undefined>();
  const [message, setMessage] = createSignal<string | undefined>();
  const [saving, setSaving] = createSignal(false);

  const chosenModel = () => model() ?? view()?.policy.model ?? 'auto';
  const chosenKText = () => kText() ?? (view()?.policy.k === null ? '' : String(view()?.policy.k ?? ''));
  const pinned = () => {
    const policy = view()?.policy;
    return policy && policy.model !== 'auto' ? { model: policy.model, k: policy.k } : undefined;
  };
  // The stored fit predates the pin (or the unpin) until the next refit.
  const pendingRefit = () => {
    const pin = pinned();
    const inUse = props.fit.purchaseModel;
    if (!pin) return inUse?.reason === 'pinned';
    return inUse?.reason !== 'pinned' || inUse.model !== pin.model || (pin.k !== null && inUse.k !== pin.k);
  };

  const save = async (policy: Policy) => {
    const current = view();
    if (!current) return;
    setSaving(true);
    setMessage(undefined);
    try {
      const saved = await unwrap(
        props.api.PUT('/v1/analytics/policy', { body: { policy, version: current.version } }),
      );
      mutate(saved);
      setModel(undefined);
      setKText(undefined);
      setMessage(t('pin.saved'));
    } catch (error) {
      if (isVersionConflict(error)) {
        setModel(undefined);
        setKText(undefined);
        setMessage(t('pin.conflict'));
        await refetch();
      } else {
        const [issue] = error instanceof ApiError ? error.fields : [];
        setMessage(issue ? issueText(issue) : error instanceof Error ? error.message : String(error));
      }
    } finally {
      setSaving(false);
    }
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const name = chosenModel();
    const typed = chosenKText().trim();
    void save({ model: name, k: takesK(name) && typed !== '' ? Number(typed) : null });
  };

  return (
    <Show when={view()}>
      <Show when={pinned()}>
        {(pin) => (
          <p class="analytics__pin" data-model-pin={pin().model}>
            <strong>{t('pin.pinned', { model: purchaseModelLabel(pin().model, pin().k) })}</strong>
            <Show when={pendingRefit()}> {t('pin.pendingRefit')}</Show>
          </p>
        )}
      </Show>
      <Show when={props.canPin} fallback={<p class="muted">{t('pin.adminOnly')}</p>}>
        <form class="analytics__pin-form" onSubmit={submit}>
          <label>
            {t('pin.label')}{' '}
            <select
              name="purchaseModel"
              value={chosenModel()}
              onChange={(event) => setModel(event.currentTarget.value as Policy['model'])}
            >
              <option value="auto">{t('pin.auto')}</option>
              <For each={PINNABLE}>
                {(name) => <option value={name}>{PURCHASE_MODEL_NAMES[name]}</option>}
              </For>
            </select>
          </label>
          <Show when={takesK(chosenModel())}>
            <label>
              {t('pin.k')}{' '}
              <input
                name="k"
                type="number"
                min="1"
                max="12"
                step="1"
                value={chosenKText()}
                onInput={(event) => setKText(event.currentTarget.value)}
              />
            </label>
          </Show>
          <Button type="submit" disabled={saving()}>
            {t('pin.save')}
          </Button>
          <Show when={pinned()}>
            <Button
              type="button"
              variant="secondary"
              disabled={saving()}
              onClick={() => void save({ model: 'auto', k: null })}
            >
              {t('pin.unpin')}
            </Button>
          </Show>
        </form>
      </Show>
      <Show when={message()}>
        {(text) => (
          <p role="status" class="muted">
            {text()}
          </p>
        )}
      </Show>
    </Show>
  );
}
