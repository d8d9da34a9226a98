import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { createForm } from '../../lib/ui/create-form.js';
import { StepDialog } from '../../lib/ui/step-dialog.js';
import { ScoreSelect, StepTextInput } from '../../lib/ui/step-field-inputs.js';
import { serviceMessages } from './messages.js';
import type { ServiceDirectory, ServiceRequest } from './service-directory.js';

type NextStep = components['schemas']['ServiceNextStep'];
type Field = NextStep['fields'][number];
type AssigneeKind = 'user' | 'team' | 'partner';

const longText = new Set(['notes', 'note', 'result', 'reason']);
const instants = new Set(['scheduledStart', 'scheduledEnd']);

/** A `datetime-local` value (the user's wall clock) as the API's UTC instant. */
export function localToInstant(value: string): string {
  return new Date(value).toISOString();
}

/**
 * One step of the service process as a dialog: only a move the API offered (`next`), with exactly
 * its fields; field errors stay beside their fields, a 409 reloads the request.
 */
export function ServiceTransitionDialog(props: {
  request: ServiceRequest;
  step: NextStep | undefined;
  directory: ServiceDirectory;
  onClose: () => void;
  onMoved: (request: ServiceRequest) => void;
  onConflict: () => void;
}) {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const form = createForm();
  const [values, setValues] = createSignal<Record<string, string>>({});
  const [kind, setKind] = createSignal<AssigneeKind>('user');
  const set = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const people = () =>
    props.directory
      .users()
      .filter((user) => (kind() === 'partner' ? user.role === 'partner' : user.role !== 'partner'));
  const body = (step: NextStep) => {
    const out: Record<string, unknown> = { to: step.to, version: props.request.version };
    for (const field of step.fields) {
      const value = values()[field.name];
      if (field.name === 'assignee') {
        if (!value) continue;
        out.assignee =
          kind() === 'team' ? { kind: 'team', departmentId: value } : { kind: kind(), userId: value };
        continue;
      }
      if (value === undefined || value === '') continue;
      if (instants.has(field.name)) out[field.name] = localToInstant(value);
      else if (field.name === 'score') out.score = Number(value);
      else out[field.name] = value;
    }
    return out as components['schemas']['ServiceTransitionRequest'];
  };
  const save = async () => {
    const step = props.step;
    if (!step) return;
    try {
      const moved = await unwrap(
        api.POST('/v1/service-requests/{requestId}/transitions', {
          params: { path: { requestId: props.request.id } },
          body: body(step),
        }),
      );
      setValues({});
      props.onMoved(moved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) props.onConflict();
      throw error;
    }
  };
  const generalError = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && error.fields.length > 0) {
      const shown = props.step?.fields.some((field) => form.fieldError(field.name)) ?? false;
      return shown ? undefined : error.message;
    }
    if (error instanceof ApiError && error.status === 409) return t('dialog.conflict');
    return error instanceof Error ? error.message : String(error);
  };
  const label = (field: Field) => t(`field.${field.name}` as Parameters<typeof t>[0]);
  const id = (name: string) => `service-transition-${name}`;
  return (
    <StepDialog
      step={props.step}
      title={(step) => t('dialog.title', { status: t(`status.${step.to}`) })}
      form={form}
      onSave={save}
      onClose={props.onClose}
      testId="service-transition-form"
      generalError={generalError()}
      cancelLabel={t('dialog.cancel')}
      submitLabel={t('dialog.submit')}
    >
      {(field) => (
        <Switch
          fallback={
            <StepTextInput
              id={id(field.name)}
              name={field.name}
              label={label(field)}
              required={field.required}
              datetime={instants.has(field.name)}
              multiline={longText.has(field.name)}
              value={values()[field.name] ?? ''}
              onInput={(value) => set(field.name, value)}
            />
          }
        >
          <Match when={field.name === 'score'}>
            <ScoreSelect
              id={id('score')}
              name="score"
              label={label(field)}
              value={values().score ?? ''}
              onChange={(value) => set('score', value)}
            />
          </Match>
          <Match when={field.name === 'method'}>
            <label class="field__label" for={id('method')}>
              {label(field)}
            </label>
            <select
              id={id('method')}
              name="method"
              class="field__input"
              value={values().method ?? 'call'}
              onChange={(event) => set('method', event.currentTarget.value)}
            >
              <option value="call">{t('field.method.call')}</option>
              <option value="visit">{t('field.method.visit')}</option>
            </select>
          </Match>
          <Match when={field.name === 'assignee'}>
            <label class="field__label" for={id('assignee-kind')}>
              {t('assignee.kind')}
            </label>
            <select
              id={id('assignee-kind')}
              name="assignee.kind"
              class="field__input"
              value={kind()}
              onChange={(event) => {
                setKind(event.currentTarget.value as AssigneeKind);
                set('assignee', '');
              }}
            >
              <option value="user">{t('assignee.kind.user')}</option>
              <option value="team">{t('assignee.kind.team')}</option>
              <option value="partner">{t('assignee.kind.partner')}</option>
            </select>
            <label class="field__label" for={id('assignee')}>
              {t('assignee.who')}
            </label>
            <select
              id={id('assignee')}
              name="assignee"
              class="field__input"
              required
              value={values().assignee ?? ''}
              onChange={(event) => set('assignee', event.currentTarget.value)}
            >
              <option value="" />
              <Show
                when={kind() === 'team'}
                fallback={
                  <For each={people()}>
                    {(user) => <option value={user.id}>{user.name || user.email}</option>}
                  </For>
                }
              >
                <For each={props.directory.departments()}>
                  {(department) => <option value={department.id}>{department.name}</option>}
                </For>
              </Show>
            </select>
          </Match>
        </Switch>
      )}
    </StepDialog>
  );
}
