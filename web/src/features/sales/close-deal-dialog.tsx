import { createSignal, For, Show } from 'solid-js';
import { isVersionConflict, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { DialogFrame } from '../../lib/ui/dialog-frame.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { salesMessages } from './messages.js';

type Deal = components['schemas']['OpportunityView'];
type LostReason = components['schemas']['LostReason'];

export const lostReasons: LostReason[] = [
  'price',
  'competitor',
  'no_budget',
  'no_decision',
  'timing',
  'product_fit',
  'relationship',
  'other',
];

/** Wins or loses a deal against the version shown; losing asks the reason and the competitor. */
export function CloseDealDialog(props: {
  deal: Deal;
  outcome: 'win' | 'lose';
  onClose: () => void;
  onDone: (deal: Deal) => void;
  onConflict: () => void;
}) {
  const t = useMessages(salesMessages);
  const api = useApi();
  const [reason, setReason] = createSignal<LostReason>('price');
  const [competitor, setCompetitor] = createSignal(props.deal.competitors[0] ?? '');
  const [note, setNote] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [pending, setPending] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    const path = { params: { path: { opportunityId: props.deal.id } } };
    const common = { version: props.deal.version, ...(note().trim() ? { note: note().trim() } : {}) };
    try {
      const closed =
        props.outcome === 'win'
          ? await unwrap(api.POST('/v1/opportunities/{opportunityId}/win', { ...path, body: common }))
          : await unwrap(
              api.POST('/v1/opportunities/{opportunityId}/lose', {
                ...path,
                body: {
                  ...common,
                  reason: reason(),
                  ...(competitor().trim() ? { competitor: competitor().trim() } : {}),
                },
              }),
            );
      props.onDone(closed);
      props.onClose();
    } catch (caught) {
      if (isVersionConflict(caught)) props.onConflict();
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setPending(false);
    }
  };
  return (
    <DialogFrame
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={props.outcome === 'win' ? t('close.winTitle') : t('close.loseTitle')}
      description={props.deal.name}
    >
      <form class="dialog__body sales-form" onSubmit={submit}>
        <Show when={props.outcome === 'lose'}>
          <label>
            {t('close.reason')}
            <select
              class="field__input"
              value={reason()}
              onChange={(e) => setReason(e.currentTarget.value as LostReason)}
            >
              <For each={lostReasons}>
                {(option) => <option value={option}>{t(`reason.${option}`)}</option>}
              </For>
            </select>
          </label>
          <label>
            {t('close.competitor')}
            <input
              class="field__input"
              maxLength={100}
              value={competitor()}
              onInput={(e) => setCompetitor(e.currentTarget.value)}
            />
          </label>
        </Show>
        <label>
          {t('close.note')}
          <textarea maxLength={2000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <FormActions
          error={error()}
          cancelLabel={t('cancel')}
          onCancel={props.onClose}
          submitLabel={t('save')}
          pending={pending()}
          cancelVariant="ghost"
        />
      </form>
    </DialogFrame>
  );
}
