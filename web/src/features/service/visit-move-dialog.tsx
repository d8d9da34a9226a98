import { createEffect, createSignal, Show } from 'solid-js';
import { ApiError, isVersionConflict, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { createForm } from '../../lib/ui/create-form.js';
import { DateTimeField } from '../../lib/ui/date-time-field.js';
import { DialogFrame } from '../../lib/ui/dialog-frame.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { serviceMessages } from './messages.js';
import type { ServiceRequest } from './service-directory.js';
import { localToInstant } from './service-transition-dialog.js';

type Visit = components['schemas']['ServiceVisit'];

/** An instant as a `datetime-local` value on the user's wall clock. */
export function instantToLocal(instant: string): string {
  const at = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * Moves a scheduled visit to another day or time (the calendar's keyboard-friendly way to
 * reschedule): saved against the request's version read (If-Match), so a request someone changed
 * meanwhile answers 409 and is reloaded instead of being overwritten.
 */
export function VisitMoveDialog(props: {
  target: { request: ServiceRequest; visit: Visit } | undefined;
  onClose: () => void;
  onMoved: (request: ServiceRequest) => void;
  onConflict: () => void;
}) {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const form = createForm();
  const [start, setStart] = createSignal('');
  const [end, setEnd] = createSignal('');
  createEffect(() => {
    const target = props.target;
    if (!target) return;
    setStart(instantToLocal(target.visit.start));
    setEnd(instantToLocal(target.visit.end));
    form.setError(undefined);
  });
  const save = async () => {
    const target = props.target;
    if (!target) return;
    try {
      const moved = await unwrap(
        api.PATCH('/v1/service-requests/{requestId}/visits/{visitId}', {
          params: {
            path: { requestId: target.request.id, visitId: target.visit.id },
            header: { 'if-match': `"${target.request.version}"` },
          },
          body: { start: localToInstant(start()), end: localToInstant(end()) },
        }),
      );
      props.onMoved(moved);
    } catch (error) {
      if (isVersionConflict(error)) props.onConflict();
      throw error;
    }
  };
  const generalError = () => {
    const error = form.error();
    if (!error) return undefined;
    if (isVersionConflict(error)) return t('move.conflict');
    if (error instanceof ApiError && (form.fieldError('start') || form.fieldError('end'))) return undefined;
    return error instanceof Error ? error.message : String(error);
  };
  return (
    <DialogFrame
      open={props.target !== undefined}
      onOpenChange={(open) => (open ? undefined : props.onClose())}
      title={props.target ? t('move.title', { summary: props.target.request.summary }) : ''}
    >
      <Show when={props.target}>
        <form class="form" onSubmit={form.submit(save)} data-testid="visit-move-form">
          <DateTimeField
            id="visit-move-start"
            name="start"
            label={t('move.start')}
            value={start()}
            onChange={setStart}
            error={form.fieldError('start')}
          />
          <DateTimeField
            id="visit-move-end"
            name="end"
            label={t('move.end')}
            value={end()}
            onChange={setEnd}
            error={form.fieldError('end')}
          />
          <FormActions
            class="dialog__actions dialog__actions--spaced"
            error={generalError()}
            cancelLabel={t('dialog.cancel')}
            onCancel={props.onClose}
            submitLabel={t('move.submit')}
            pending={form.pending()}
          />
        </form>
      </Show>
    </DialogFrame>
  );
}
