import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { Page } from '../../lib/ui/page.js';
import { CustomerLink } from '../customers/customer-link.js';
import { ChoiceField } from '../customers/form/choice-field.js';
import { CustomerPicker, type PickedCustomer } from '../customers/picker/customer-picker.js';
import { ConfirmDialog } from '../settings/admin-dialog.js';
import { serviceMessages } from './messages.js';
import { planCadence } from './plan-cadence.js';
import { ServiceNav } from './service-nav.js';
import './service.css';

type ServicePlan = components['schemas']['ServicePlan'];
type ServicePlanListItem = components['schemas']['ServicePlanListItem'];
type ServicePlanInput = components['schemas']['ServicePlanInput'];

/** Proactive service plans (服务计划): the list, pause/resume and delete, and the editor for a new one. */
export function ServicePlansPage() {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const [plans, { refetch }] = createResource(
    async () => (await unwrap(api.GET('/v1/service-plans', { params: { query: { limit: 200 } } }))).items,
  );
  const toggle = async (plan: ServicePlan) => {
    await unwrap(
      api.PATCH('/v1/service-plans/{planId}', {
        params: { path: { planId: plan.id } },
        body: { active: !plan.active, version: plan.version },
      }),
    );
    await refetch();
  };
  const [deleting, setDeleting] = createSignal<ServicePlan>();
  const remove = async (plan: ServicePlan) => {
    await unwrap(api.DELETE('/v1/service-plans/{planId}', { params: { path: { planId: plan.id } } }));
    await refetch();
  };
  return (
    <Page title={t('plans.title')} term="服务计划" description={t('plans.description')}>
      <ServiceNav />
      <AsyncView
        resource={plans}
        onRetry={refetch}
        isEmpty={(items) => items.length === 0}
        empty={<p class="muted">{t('plans.empty')}</p>}
      >
        {(items) => (
          <ul class="service-list" data-testid="service-plans">
            <For each={items}>
              {(plan) => (
                <li class="card service-card" data-plan={plan.id}>
                  <span class="service-card__summary">{plan.title}</span>
                  <span class="service-card__meta">
                    <Show
                      when={plan.customerId}
                      fallback={
                        <span class="badge">{t('plans.everyOfClass', { class: plan.abcClass ?? '' })}</span>
                      }
                    >
                      {(customerId) => (
                        <CustomerLink
                          customerId={customerId()}
                          fallback={t('detail.customer')}
                          tab="service"
                        />
                      )}
                    </Show>
                    <span>{planCadence(t, plan.every)}</span>
                    <Show when={plan.valueClass}>
                      {(cls) => <span class="badge">{t('plans.onlyClass', { class: cls() })}</span>}
                    </Show>
                    <PlanStandingLabel plan={plan} />
                    <Button variant="secondary" onClick={() => void toggle(plan)}>
                      {plan.active ? t('plans.pause') : t('plans.resume')}
                    </Button>
                    <Button variant="secondary" onClick={() => setDeleting(plan)}>
                      {t('plans.delete')}
                    </Button>
                  </span>
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>
      <ServicePlanEditor onCreated={() => void refetch()} />
      <ConfirmDialog
        open={deleting() !== undefined}
        onOpenChange={(open) => {
          if (!open) setDeleting(undefined);
        }}
        title={t('plans.deleteTitle', { title: deleting()?.title ?? '' })}
        body={t('plans.deleteBody')}
        confirmLabel={t('plans.delete')}
        onConfirm={async () => {
          const plan = deleting();
          if (plan) await remove(plan);
        }}
      />
    </Page>
  );
}

/**
 * When the plan next serves, or why the nightly run would skip it now: the API's `standing`, the
 * rule the customer's 360° shows too (an own plan limited to a value class its customer is not in
 * has no next date).
 */
function PlanStandingLabel(props: { plan: ServicePlanListItem }) {
  const t = useMessages(serviceMessages);
  const format = useFormat();
  const only = () => props.plan.valueClass ?? '';
  return (
    <Switch>
      <Match when={props.plan.standing === 'scheduled'}>
        <span class="muted">{t('plans.next', { date: format.date(props.plan.nextDueOn) })}</span>
      </Match>
      <Match when={props.plan.standing === 'paused'}>
        <span class="badge badge--muted">{t('plans.paused')}</span>
      </Match>
      <Match when={props.plan.standing === 'skipped_archived'}>
        <span class="badge badge--muted" data-standing="skipped_archived">
          {t('panel.plans.skippedArchived')}
        </span>
      </Match>
      <Match when={props.plan.standing === 'skipped_class'}>
        <span class="badge badge--muted" data-standing="skipped_class">
          {props.plan.customerClass
            ? t('panel.plans.skippedClass', { class: props.plan.customerClass, only: only() })
            : t('panel.plans.skippedNoClass', { only: only() })}
        </span>
      </Match>
    </Switch>
  );
}

/**
 * The editor of a new plan: for one customer (fixed when opened from a customer's 360°), or, on
 * the plans page, for every customer of a value class (differentiated service by value).
 */
export function ServicePlanEditor(props: { customerId?: string; onCreated: () => void }) {
  const t = useMessages(serviceMessages);
  const api = useApi();
  const form = createForm();
  const [picked, setPicked] = createSignal<PickedCustomer>();
  const customerId = () => props.customerId ?? picked()?.id ?? '';
  const [title, setTitle] = createSignal('');
  const [count, setCount] = createSignal('3');
  const [unit, setUnit] = createSignal<'weeks' | 'months'>('months');
  const [startsOn, setStartsOn] = createSignal(new Date().toISOString().slice(0, 10));
  const [valueClass, setValueClass] = createSignal<'' | 'A' | 'B' | 'C'>('');
  const [target, setTarget] = createSignal<'customer' | 'class'>('customer');
  const [abcClass, setAbcClass] = createSignal<'A' | 'B' | 'C'>('A');
  const forClass = () => !props.customerId && target() === 'class';
  const [created, setCreated] = createSignal(false);
  const create = async () => {
    setCreated(false);
    const body: ServicePlanInput = {
      ...(forClass() ? { abcClass: abcClass() } : { customerId: customerId() }),
      title: title(),
      every: { count: Number(count()), unit: unit() },
      startsOn: startsOn(),
      valueClass: forClass() || valueClass() === '' ? null : (valueClass() as 'A' | 'B' | 'C'),
      active: true,
    };
    await unwrap(api.POST('/v1/service-plans', { body }));
    setTitle('');
    setCreated(true);
    props.onCreated();
  };
  return (
    <form class="form card" onSubmit={form.submit(create)} data-testid="service-plan-editor">
      <h2 class="card__title">{t('plans.new')}</h2>
      <Show when={!props.customerId}>
        <ChoiceField
          name="target"
          label={t('plans.target')}
          value={target()}
          onChange={(value) => setTarget(value as 'customer' | 'class')}
        >
          <option value="customer">{t('plans.target.customer')}</option>
          <option value="class">{t('plans.target.class')}</option>
        </ChoiceField>
      </Show>
      <Show when={!props.customerId && !forClass()}>
        <CustomerPicker
          label={t('plans.customer')}
          picked={picked()}
          onPick={setPicked}
          error={form.fieldError('customerId')}
        />
      </Show>
      <Show when={forClass()}>
        <ChoiceField
          name="abcClass"
          label={t('plans.abcClass')}
          value={abcClass()}
          onChange={(value) => setAbcClass(value as 'A' | 'B' | 'C')}
        >
          <option value="A">A</option>
          <option value="B">B</option>
          <option value="C">C</option>
        </ChoiceField>
      </Show>
      <FormField
        name="title"
        label={t('plans.title.field')}
        value={title()}
        onChange={setTitle}
        error={form.fieldError('title')}
        required
      />
      <FormField
        name="every.count"
        label={t('plans.count')}
        type="number"
        value={count()}
        onChange={setCount}
        error={form.fieldError('every.count')}
        required
      />
      <ChoiceField
        name="every.unit"
        label={t('plans.unit')}
        value={unit()}
        onChange={(value) => setUnit(value as 'weeks' | 'months')}
      >
        <option value="weeks">{t('plans.unit.weeks')}</option>
        <option value="months">{t('plans.unit.months')}</option>
      </ChoiceField>
      <FormField
        name="startsOn"
        label={t('plans.startsOn')}
        type="date"
        value={startsOn()}
        onChange={setStartsOn}
        error={form.fieldError('startsOn')}
        required
      />
      <Show when={!forClass()}>
        <ChoiceField
          name="valueClass"
          label={t('plans.valueClass')}
          value={valueClass()}
          onChange={(value) => setValueClass(value as '' | 'A' | 'B' | 'C')}
        >
          <option value="">{t('plans.valueClass.any')}</option>
          <option value="A">A</option>
          <option value="B">B</option>
          <option value="C">C</option>
        </ChoiceField>
      </Show>
      <Show
        when={
          form.error() &&
          !form.fieldError('title') &&
          !form.fieldError('customerId') &&
          !form.fieldError('every.count')
        }
      >
        <p class="form__error" role="alert">
          {(form.error() as Error).message}
        </p>
      </Show>
      <Show when={created()}>
        <p role="status">{t('plans.created')}</p>
      </Show>
      <Button type="submit" disabled={form.pending()}>
        {t('plans.create')}
      </Button>
    </form>
  );
}
