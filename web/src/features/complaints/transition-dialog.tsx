import { createResource, createSignal, For, Match, Switch } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { createForm } from '../../lib/ui/create-form.js';
import { StepDialog } from '../../lib/ui/step-dialog.js';
import { ScoreSelect, StepTextInput } from '../../lib/ui/step-field-inputs.js';
import { complaintMessages } from './messages.js';

type Complaint = components['schemas']['ComplaintView'];
type NextStep = components['schemas']['ComplaintNextStep'];
type Field = NextStep['fields'][number];

const longText = new Set([
  'comment',
  'rejectionReason',
  'cause',
  'resolution',
  'actions',
  'customerFeedback',
  'evaluation',
]);

/**
 * One step of the process as a dialog: only a move the API offered (`next`), with exactly its
 * fields; the API's field errors stay beside the fields, and a 409 (someone moved it meanwhile)
 * reloads the complaint.
 */
export function TransitionDialog(props: {
  complaint: Complaint;
  step: NextStep | undefined;
  onClose: () => void;
  onMoved: (complaint: Complaint) => void;
  onConflict: () => void;
}) {
  const t = useMessages(complaintMessages);
  const api = useApi();
  const form = createForm();
  const [values, setValues] = createSignal<Record<string, string | boolean>>({});
  const needsDepartments = () => props.step?.fields.some((field) => field.name === 'departmentId') ?? false;
  const [departments] = createResource(needsDepartments, async (needed) =>
    needed ? (await unwrap(api.GET('/v1/complaints/departments'))).items : [],
  );
  const set = (name: string, value: string | boolean) =>
    setValues((current) => ({ ...current, [name]: value }));
  const body = (step: NextStep) => {
    const out: Record<string, string | number | boolean> = { to: step.to, version: props.complaint.version };
    for (const field of step.fields) {
      const value = values()[field.name];
      if (value === undefined || value === '') continue;
      out[field.name] = field.name === 'rating' ? Number(value) : value;
    }
    return out;
  };
  const save = async () => {
    const step = props.step;
    if (!step) return;
    try {
      const moved = await unwrap(
        api.POST('/v1/complaints/{complaintId}/transitions', {
          params: { path: { complaintId: props.complaint.id } },
          body: body(step) as components['schemas']['ComplaintTransitionRequest'],
        }),
      );
      setValues({});
      props.onMoved(moved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) props.onConflict();
      throw error;
    }
  };
  // Field errors stand beside their fields; anything else is said once, under them.
  const generalError = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && error.fields.length > 0) return undefined;
    if (error instanceof ApiError && error.status === 409) return t('dialog.conflict');
    return error instanceof Error ? error.message : String(error);
  };
  const label = (field: Field) => t(`field.${field.name}` as Parameters<typeof t>[0]);
  return (
    <StepDialog
      step={props.step}
      title={(step) => t('dialog.title', { step: t(`step.${step.to}`) })}
      form={form}
      onSave={save}
      onClose={props.onClose}
      testId="transition-form"
      generalError={generalError()}
      cancelLabel={t('dialog.cancel')}
      submitLabel={t('dialog.submit')}
    >
      {(field) => (
        <Switch
          fallback={
            <StepTextInput
              id={`transition-${field.name}`}
              name={field.name}
              label={label(field)}
              required={field.required}
              multiline={longText.has(field.name)}
              value={String(values()[field.name] ?? '')}
              onInput={(value) => set(field.name, value)}
            />
          }
        >
          <Match when={field.name === 'customerNotified'}>
            <label class="checkbox">
              <input
                type="checkbox"
                name={field.name}
                required={field.required}
                checked={values()[field.name] === true}
                onChange={(event) => set(field.name, event.currentTarget.checked)}
              />{' '}
              {label(field)}
            </label>
          </Match>
          <Match when={field.name === 'rating'}>
            <ScoreSelect
              id="transition-rating"
              name="rating"
              label={label(field)}
              value={String(values().rating ?? '')}
              onChange={(value) => set('rating', value)}
            />
          </Match>
          <Match when={field.name === 'departmentId'}>
            <label class="field__label" for="transition-departmentId">
              {label(field)}
            </label>
            <select
              id="transition-departmentId"
              name="departmentId"
              class="field__input"
              required
              value={String(values().departmentId ?? '')}
              onChange={(event) => set('departmentId', event.currentTarget.value)}
            >
              <option value="" />
              <For each={departments() ?? []}>
                {(department) => <option value={department.id}>{department.name}</option>}
              </For>
            </select>
          </Match>
        </Switch>
      )}
    </StepDialog>
  );
}
