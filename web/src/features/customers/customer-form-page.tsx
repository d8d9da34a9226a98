import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { createStore, unwrap as unwrapStore } from 'solid-js/store';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import { useFieldErrors } from '../../lib/api/field-issue-text.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { Card, Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { createVersionedSave, VersionConflictDialog } from '../../lib/ui/version-conflict.js';
import { ChoiceField } from './form/choice-field.js';
import { CustomFieldInput } from './form/custom-field-input.js';
import {
  type Customer,
  type CustomerDraft,
  type CustomerPatch,
  type CustomFieldDefinition,
  companySizes,
  createBodyOf,
  customerKinds,
  customerStatuses,
  draftOf,
  lifecycleStages,
  patchOf,
  problemsOf,
  relationshipLevels,
} from './form/customer-draft.js';
import { customerFormMessages } from './form-messages.js';
import { customersListMessages } from './list-messages.js';
import './customers.css';

type Loaded = { definitions: CustomFieldDefinition[]; customer: Customer | undefined };

/** Create (`/customers/new`) or edit (`/customers/:id/edit`) a customer, with the tenant's custom fields. */
export function CustomerFormPage() {
  const t = useMessages(customerFormMessages);
  const params = useParams<{ id?: string }>();
  const api = useApi();
  const [loaded, { refetch }] = createResource(
    () => params.id ?? '',
    async (id): Promise<Loaded> => {
      const [fields, customer] = await Promise.all([
        unwrap(api.GET('/v1/custom-fields')),
        id
          ? unwrap(api.GET('/v1/customers/{customerId}', { params: { path: { customerId: id } } }))
          : Promise.resolve(undefined),
      ]);
      return {
        definitions: fields.items.filter((definition) => !definition.archived),
        customer: customer as Customer | undefined,
      };
    },
  );
  const title = () => {
    const customer = loaded.state === 'ready' ? loaded()?.customer : undefined;
    return params.id ? t('title.edit', { name: customer?.name ?? '' }) : t('title.new');
  };
  return (
    <Page title={title()} term={params.id ? undefined : '客户'} description={t('description')}>
      <AsyncView
        resource={loaded}
        onRetry={refetch}
        isEmpty={(data) => data.customer?.archivedAt !== undefined}
        empty={<EmptyState title={t('archived')} />}
      >
        {(data) => <CustomerForm definitions={data.definitions} customer={data.customer} />}
      </AsyncView>
    </Page>
  );
}

function CustomerForm(props: { definitions: CustomFieldDefinition[]; customer: Customer | undefined }) {
  const fieldErrorsIn = useFieldErrors();
  const t = useMessages(customerFormMessages);
  const tl = useMessages(customersListMessages);
  const api = useApi();
  const { session } = useAuth();
  const navigate = useNavigate();
  const currency = () => session()?.tenant.settings.defaultCurrency ?? 'CNY';
  const isAdmin = () => ['owner', 'admin'].includes(session()?.user.role ?? '');

  // The draft as typed, and the version it started from (both move to the newer one after a conflict).
  const [base, setBase] = createSignal<Customer | undefined>(props.customer);
  const initial = draftOf(props.customer, props.definitions, currency());
  // A new customer belongs to whoever creates it unless they pick someone else.
  if (!props.customer) initial.ownerId = session()?.user.id ?? '';
  const [original, setOriginal] = createSignal(initial);
  const [draft, setDraft] = createStore<CustomerDraft>(structuredClone(original()));
  const [checked, setChecked] = createSignal(false);
  const problems = createMemo(() => (checked() ? problemsOf(draft, props.definitions, currency()) : {}));
  const form = createForm();

  const [users] = createResource(
    () => (isAdmin() ? true : undefined),
    () => unwrap(api.GET('/v1/users')),
  );
  const owners = () => {
    const me = session()?.user;
    const listed = users.state === 'ready' ? users().items.filter((user) => user.role !== 'partner') : [];
    const options = listed.map((user) => ({ id: user.id, name: user.name || user.email }));
    if (me && !options.some((option) => option.id === me.id))
      options.unshift({ id: me.id, name: t('field.owner.me') });
    const current = draft.ownerId;
    if (current && !options.some((option) => option.id === current))
      options.push({ id: current, name: current });
    return options;
  };

  /** Beside each field: the form's own check first, else what the API said about it (or its items). */
  const errorFor = (path: string): string | undefined => {
    const problem = problems()[path];
    if (problem) return t(`problem.${problem}`);
    const fields = fieldErrorsIn(form.error());
    return fields[path] ?? Object.entries(fields).find(([key]) => key.startsWith(`${path}.`))?.[1];
  };
  const formError = () => {
    const error = form.error();
    if (!error) return undefined;
    if (error instanceof ApiError && error.fields.length > 0) return t('problem.summary');
    return error instanceof Error ? error.message : String(error);
  };

  const versioned = createVersionedSave<Customer, CustomerPatch>({
    // A tenant user's edit answers the whole customer (only a partner gets its share back).
    save: (change, version) =>
      unwrap(
        api.PATCH('/v1/customers/{customerId}', {
          params: { path: { customerId: (base() as Customer).id } },
          body: change,
          headers: { 'If-Match': `"${version}"` },
        }),
      ) as Promise<Customer>,
    latest: () =>
      unwrap(
        api.GET('/v1/customers/{customerId}', { params: { path: { customerId: (base() as Customer).id } } }),
      ) as Promise<Customer>,
  });
  let conflictVersion = 0;

  const done = () => navigate('/customers');
  const save = async () => {
    setChecked(true);
    if (Object.keys(problemsOf(draft, props.definitions, currency())).length > 0) {
      queueMicrotask(() =>
        document.querySelector<HTMLElement>('.customer-form [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const current = base();
    const snapshot = unwrapStore(draft);
    if (!current) {
      await unwrap(
        api.POST('/v1/customers', { body: createBodyOf(snapshot, props.definitions, currency()) }),
      );
      done();
      return;
    }
    const patch = patchOf(snapshot, original(), props.definitions, currency());
    if (Object.keys(patch).length === 0) {
      done();
      return;
    }
    const saved = await versioned.save(patch, current.version);
    if (saved) done();
    else conflictVersion = versioned.conflict()?.latest.version ?? 0;
  };

  const onResolved = (result: Customer | undefined) => {
    if (!result) return;
    if (result.version > conflictVersion) {
      done();
      return;
    }
    // Kept theirs: the form starts again from the newer version.
    const fresh = draftOf(result, props.definitions, currency());
    setBase(result);
    setOriginal(fresh);
    setDraft(structuredClone(fresh));
  };

  const text = (
    key: 'email' | 'phone' | 'industry' | 'birthday',
    label: string,
    type: 'text' | 'email' | 'tel' | 'date',
  ) => (
    <FormField
      name={key}
      label={label}
      type={type}
      value={draft[key]}
      onChange={(value) => setDraft(key, value)}
      error={errorFor(key)}
    />
  );

  return (
    <form class="customer-form" onSubmit={form.submit(save)} novalidate>
      <Show when={formError()}>
        <p class="form__error" role="alert">
          {formError()}
        </p>
      </Show>
      <Card title={t('section.basics')}>
        <div class="customer-form__grid">
          <FormField
            name="name"
            label={`${t('field.name')} *`}
            value={draft.name}
            onChange={(value) => setDraft('name', value)}
            error={errorFor('name')}
            required
            autofocus
          />
          <ChoiceField
            name="kind"
            label={t('field.kind')}
            value={draft.kind}
            onChange={(value) => setDraft('kind', value as CustomerDraft['kind'])}
            error={errorFor('kind')}
          >
            <For each={customerKinds}>{(kind) => <option value={kind}>{tl(`kind.${kind}`)}</option>}</For>
          </ChoiceField>
          <ChoiceField
            name="status"
            label={t('field.status')}
            value={draft.status}
            onChange={(value) => setDraft('status', value as CustomerDraft['status'])}
            error={errorFor('status')}
          >
            <For each={customerStatuses}>
              {(status) => <option value={status}>{tl(`status.${status}`)}</option>}
            </For>
          </ChoiceField>
          <ChoiceField
            name="ownerId"
            label={t('field.owner')}
            value={draft.ownerId}
            onChange={(value) => setDraft('ownerId', value)}
            error={errorFor('ownerId')}
          >
            <option value="">{t('field.owner.none')}</option>
            {/* `selected` too: the options arrive after the select (users load), and are rebuilt. */}
            <For each={owners()}>
              {(owner) => (
                <option value={owner.id} selected={owner.id === draft.ownerId}>
                  {owner.name}
                </option>
              )}
            </For>
          </ChoiceField>
          <FormField
            name="tags"
            label={t('field.tags')}
            description={t('field.tags.hint')}
            value={draft.tags}
            onChange={(value) => setDraft('tags', value)}
            error={errorFor('tags')}
          />
        </div>
      </Card>
      <Card title={t('section.contact')}>
        <div class="customer-form__grid">
          {text('email', t('field.email'), 'email')}
          {text('phone', t('field.phone'), 'tel')}
          <ChoiceField
            name="lifecycleStage"
            label={t('field.lifecycle')}
            value={draft.lifecycleStage}
            onChange={(value) => setDraft('lifecycleStage', value)}
            error={errorFor('lifecycleStage')}
          >
            <option value="">{t('field.none')}</option>
            <For each={lifecycleStages}>
              {(stage) => <option value={stage}>{tl(`stage.${stage}`)}</option>}
            </For>
          </ChoiceField>
          <ChoiceField
            name="relationshipLevel"
            label={t('field.relationship')}
            value={draft.relationshipLevel}
            onChange={(value) => setDraft('relationshipLevel', value)}
            error={errorFor('relationshipLevel')}
          >
            <option value="">{t('field.none')}</option>
            <For each={relationshipLevels}>
              {(level) => <option value={level}>{t(`relationship.${level}`)}</option>}
            </For>
          </ChoiceField>
          {text('industry', t('field.industry'), 'text')}
          <ChoiceField
            name="size"
            label={t('field.size')}
            value={draft.size}
            onChange={(value) => setDraft('size', value)}
            error={errorFor('size')}
          >
            <option value="">{t('field.none')}</option>
            <For each={companySizes}>{(size) => <option value={size}>{size}</option>}</For>
          </ChoiceField>
          {text('birthday', t('field.birthday'), 'date')}
        </div>
      </Card>
      <Show when={props.definitions.length > 0}>
        <Card title={t('section.custom')}>
          <div class="customer-form__grid">
            <For each={props.definitions}>
              {(definition) => (
                <CustomFieldInput
                  definition={definition}
                  value={draft.customFields[definition.key] ?? ''}
                  onChange={(value) => setDraft('customFields', definition.key, value)}
                  error={errorFor(`customFields.${definition.key}`)}
                  currency={currency()}
                />
              )}
            </For>
          </div>
        </Card>
      </Show>
      <div class="customer-form__actions">
        <Button type="submit" disabled={form.pending()}>
          {form.pending() ? t('saving') : base() ? t('save') : t('create')}
        </Button>
        <A href="/customers" class="button button--secondary">
          {t('cancel')}
        </A>
      </div>
      <VersionConflictDialog
        state={versioned}
        describe={(latest) => (
          <p>
            {t('conflict.latest', {
              name: latest.name,
              tags: latest.tags.join(', ') || '—',
              status: tl(`status.${latest.status}`),
            })}
          </p>
        )}
        onResolved={onResolved}
      />
    </form>
  );
}
