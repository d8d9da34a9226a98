import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { TextAreaField } from '../../lib/ui/text-area-field.js';
import { ChoiceField } from '../customers/form/choice-field.js';
import { CustomerServicePlans } from './customer-service-plans.js';
import { serviceMessages } from './messages.js';
import { ServicePlanEditor } from './service-plans-page.js';
import './service.css';

type ServiceRequestCreate = components['schemas']['ServiceRequestCreate'];
type Category = components['schemas']['ServiceCategory'];
type Priority = components['schemas']['ServicePriority'];

const categories: readonly Category[] = [
  'installation',
  'repair',
  'maintenance',
  'inspection',
  'training',
  'consultation',
  'other',
];
const priorities: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/**
 * The customer's service on the 360° (客户服务): its open requests with their status, the form that
 * receives a new one, the plans that serve it (its own and its value class's) and a new plan.
 */
export function CustomerServicePanel(props: {
  customerId: string;
  archived: boolean;
  onReceived: () => void;
}) {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const [plansVersion, setPlansVersion] = createSignal(0);
  const [open, { refetch }] = createResource(
    () => props.customerId,
    (customerId) =>
      unwrap(api.GET('/v1/service-requests', { params: { query: { customerId, open: 'true', limit: 50 } } })),
  );
  return (
    <section class="card" aria-labelledby="service-heading">
      <h2 id="service-heading" class="card__title">
        {t('panel.heading')}
      </h2>
      <AsyncView
        resource={open}
        onRetry={refetch}
        isEmpty={(page) => page.items.length === 0}
        empty={<p class="muted">{t('panel.none')}</p>}
      >
        {(page) => (
          <>
            <p class="muted">{t('panel.open', { count: String(page.items.length) })}</p>
            <ul class="service-list" data-testid="open-service-requests">
              <For each={page.items}>
                {(request) => (
                  <li>
                    <A href={`/service/requests/${request.id}`}>{request.summary}</A>{' '}
                    <span class="badge badge--muted">{t(`status.${request.status}`)}</span>{' '}
                    <span class={`badge priority--${request.priority}`}>
                      {t(`priority.${request.priority}`)}
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </AsyncView>
      <CustomerServicePlans customerId={props.customerId} version={plansVersion()} />
      <Show when={!props.archived}>
        <ReceiveRequestForm
          customerId={props.customerId}
          onReceived={() => {
            void refetch();
            props.onReceived();
          }}
        />
        <ServicePlanEditor
          customerId={props.customerId}
          onCreated={() => setPlansVersion((version) => version + 1)}
        />
      </Show>
    </section>
  );
}

function ReceiveRequestForm(props: { customerId: string; onReceived: () => void }) {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const form = createForm();
  const [summary, setSummary] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [category, setCategory] = createSignal<Category>('repair');
  const [priority, setPriority] = createSignal<Priority>('normal');
  const [received, setReceived] = createSignal(false);
  const receive = async () => {
    setReceived(false);
    const body: ServiceRequestCreate = {
      customerId: props.customerId,
      summary: summary(),
      category: category(),
      priority: priority(),
      channel: 'phone',
      ...(description().trim() ? { description: description() } : {}),
    };
    await unwrap(api.POST('/v1/service-requests', { body }));
    setSummary('');
    setDescription('');
    setReceived(true);
    props.onReceived();
  };
  return (
    <form class="form" onSubmit={form.submit(receive)} data-testid="receive-service-request">
      <h3 class="credit-panel__subheading">{t('panel.receive')}</h3>
      <FormField
        name="summary"
        label={t('field.summary')}
        value={summary()}
        onChange={setSummary}
        error={form.fieldError('summary')}
        required
      />
      <TextAreaField
        id="service-description"
        name="description"
        label={t('field.description')}
        value={description()}
        onChange={setDescription}
      />
      <ChoiceField
        name="category"
        label={t('field.category')}
        value={category()}
        onChange={(value) => setCategory(value as Category)}
      >
        <For each={categories}>{(value) => <option value={value}>{t(`category.${value}`)}</option>}</For>
      </ChoiceField>
      <ChoiceField
        name="priority"
        label={t('field.priority')}
        value={priority()}
        onChange={(value) => setPriority(value as Priority)}
      >
        <For each={priorities}>{(value) => <option value={value}>{t(`priority.${value}`)}</option>}</For>
      </ChoiceField>
      <Show when={form.error() && !form.fieldError('summary')}>
        <p class="form__error" role="alert">
          {(form.error() as Error).message}
        </p>
      </Show>
      <Show when={received()}>
        <p role="status">{t('panel.received')}</p>
      </Show>
      <Button type="submit" disabled={form.pending()}>
        {t('panel.receive')}
      </Button>
    </form>
  );
}
