import { createSignal, For, Show } from 'solid-js';
import { isVersionConflict, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { complaintMessages } from './messages.js';

type Complaint = components['schemas']['ComplaintView'];
type Outcome = components['schemas']['ComplaintFollowUpOutcome'];
const outcomes: Outcome[] = ['won_back', 'still_unhappy', 'unreachable'];

/**
 * The service-recovery call after closing (服务补救回访): when it is due, and once made, how it went;
 * the tenant's own people record its outcome here, against the version on screen.
 */
export function ComplaintFollowUpCall(props: {
  complaint: Complaint;
  nameOf: (userId: string) => string;
  onRecorded: (complaint: Complaint) => void;
  onConflict: () => void;
}) {
  const t = useMessages(complaintMessages);
  const api = useApi();
  const { session } = useAuth();
  const format = useFormat();
  const form = createForm();
  const [outcome, setOutcome] = createSignal<Outcome>('won_back');
  const [note, setNote] = createSignal('');
  // '' = not asked; a customer who could not be reached gives none (the API refuses one).
  const [score, setScore] = createSignal('');
  const canRecord = () => session()?.user.role !== 'partner';
  const record = form.submit(async () => {
    try {
      const next = await unwrap(
        api.POST('/v1/complaints/{complaintId}/follow-up', {
          params: { path: { complaintId: props.complaint.id } },
          body: {
            outcome: outcome(),
            ...(note().trim() ? { note: note().trim() } : {}),
            ...(score() && outcome() !== 'unreachable' ? { score: Number(score()) } : {}),
            version: props.complaint.version,
          },
        }),
      );
      props.onRecorded(next);
    } catch (caught) {
      if (isVersionConflict(caught)) props.onConflict();
      throw caught;
    }
  });
  return (
    <Show when={props.complaint.followUp}>
      {(followUp) => (
        <div class="complaint-follow-up" data-testid="complaint-follow-up">
          <Show
            when={followUp().status === 'done'}
            fallback={
              <>
                <p class="muted">{t('detail.followUp', { date: format.date(followUp().dueAt) })}</p>
                <Show when={canRecord()}>
                  <form class="form complaint-follow-up__form" onSubmit={record}>
                    <label class="field">
                      <span class="field__label">{t('followUp.outcome')}</span>
                      <select
                        class="field__input"
                        value={outcome()}
                        onChange={(event) => setOutcome(event.currentTarget.value as Outcome)}
                      >
                        <For each={outcomes}>
                          {(value) => <option value={value}>{t(`followUp.${value}`)}</option>}
                        </For>
                      </select>
                    </label>
                    <Show when={outcome() !== 'unreachable'}>
                      <label class="field">
                        <span class="field__label">{t('followUp.score')}</span>
                        <select
                          class="field__input"
                          value={score()}
                          onChange={(event) => setScore(event.currentTarget.value)}
                          aria-invalid={form.fieldError('score') ? 'true' : undefined}
                          aria-describedby="follow-up-score-hint"
                        >
                          <option value="">{t('followUp.score.none')}</option>
                          <For each={['1', '2', '3', '4', '5']}>
                            {(value) => <option value={value}>{value}</option>}
                          </For>
                        </select>
                      </label>
                      <p id="follow-up-score-hint" class="field__description">
                        {t('followUp.score.hint')}
                      </p>
                    </Show>
                    <label class="field">
                      <span class="field__label">{t('followUp.note')}</span>
                      <textarea
                        class="field__input"
                        maxLength={2000}
                        value={note()}
                        onInput={(event) => setNote(event.currentTarget.value)}
                      />
                    </label>
                    <Show when={form.error()}>
                      <p class="form__error" role="alert">
                        {isVersionConflict(form.error())
                          ? t('followUp.conflict')
                          : (form.error() as Error).message}
                      </p>
                    </Show>
                    <div class="form-actions">
                      <Button type="submit" variant="secondary" disabled={form.pending()}>
                        {t('followUp.record')}
                      </Button>
                    </div>
                  </form>
                </Show>
              </>
            }
          >
            <p>
              <strong>{t('followUp.done')}</strong> {t(`followUp.${followUp().outcome ?? 'won_back'}`)}
              {followUp().note ? ` — ${followUp().note}` : ''}
            </p>
            <Show when={followUp().score}>
              {(given) => <p>{t('followUp.scored', { score: String(given()) })}</p>}
            </Show>
            <p class="muted">
              {t('followUp.by', {
                name: props.nameOf(followUp().doneBy ?? ''),
                date: format.date(followUp().doneAt ?? followUp().dueAt, true),
              })}
            </p>
          </Show>
        </div>
      )}
    </Show>
  );
}
