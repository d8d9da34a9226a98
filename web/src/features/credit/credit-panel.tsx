import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLocale, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { ErrorState } from '../../lib/ui/states.js';
import { ChurnStanding } from '../alerts/churn-standing.js';
import { toMinorUnits } from '../customers/360/money-input.js';
import { CreditReasons, CreditStatusBadge } from './credit-reasons.js';
import { HeldOrders } from './held-orders.js';
import { creditMessages } from './messages.js';
import { ReceivablesTable } from './receivables-table.js';
import { SuggestedLimit } from './suggested-limit.js';
import './credit.css';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';

type CreditFile = components['schemas']['CreditFile'];
type CreditDecision = components['schemas']['CreditDecision'];

const ageingBuckets = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'd91_120', 'd121Plus'] as const;

/**
 * The credit file on the customer's 360° (客户信用档案): standing, limit, what is owed and overdue,
 * why, the ageing, how the score is made and every decision; admins set the limit, approve a
 * pending one and release a cleared hold.
 */
export function CreditPanel(props: {
  customerId: string;
  /** The currencies the customer has ordered in (its figures): others than credit's are named. */
  orderCurrencies?: readonly string[];
}) {
  const t = useMessages(creditMessages);
  const api = useApi();
  const { session } = useAuth();
  const isAdmin = () => ['owner', 'admin'].includes(session()?.user.role ?? '');
  const path = () => ({ path: { customerId: props.customerId } });
  const [file, { refetch, mutate }] = createResource(
    () => props.customerId,
    () => unwrap(api.GET('/v1/customers/{customerId}/credit', { params: path() })),
  );
  const [decisions, { refetch: refetchDecisions }] = createResource(
    () => props.customerId,
    () =>
      unwrap(
        api.GET('/v1/customers/{customerId}/credit/decisions', {
          params: { ...path(), query: { limit: 20 } },
        }),
      ),
  );
  const changed = (next: CreditFile) => {
    mutate(next);
    void refetchDecisions();
  };
  return (
    <section class="card credit-panel" aria-labelledby="credit-heading">
      <h2 id="credit-heading" class="card__title">
        {t('panel.heading')}
      </h2>
      <ChurnStanding customerId={props.customerId} />
      <AsyncView resource={file} onRetry={refetch}>
        {(current) => (
          <>
            <CreditFigures file={current} />
            <Show when={current.status === 'hold' && current.heldSince}>
              {(since) => <HoldNotice file={current} since={since()} admin={isAdmin()} onChanged={changed} />}
            </Show>
            <Show when={current.status === 'hold' && isAdmin()}>
              <HeldOrders customerId={props.customerId} version={current.version} onChanged={changed} />
            </Show>
            <Show when={current.pendingLimit}>
              {(pending) => (
                <PendingLimitNotice
                  customerId={props.customerId}
                  limit={pending().limit}
                  reason={pending().reason}
                  admin={isAdmin()}
                  onChanged={changed}
                />
              )}
            </Show>
            <h3 class="credit-panel__subheading">{t('reasons.heading')}</h3>
            <CreditReasons reasons={current.reasons} />
            <SuggestedLimit
              customerId={props.customerId}
              file={current}
              admin={isAdmin()}
              onChanged={changed}
            />
            <Show when={isAdmin()}>
              <LimitForm customerId={props.customerId} current={current.limit} onChanged={changed} />
            </Show>
            <div class="credit-panel__columns">
              <AgeingTable file={current} />
              <FactorTable file={current} />
            </div>
            <ReceivablesTable
              customerId={props.customerId}
              creditCurrency={current.currency}
              version={current.version}
              orderCurrencies={props.orderCurrencies ?? []}
            />
          </>
        )}
      </AsyncView>
      <h3 class="credit-panel__subheading">{t('decisions.heading')}</h3>
      <AsyncView
        resource={decisions}
        onRetry={refetchDecisions}
        isEmpty={(page) => page.items.length === 0}
        empty={<p class="muted">{t('decisions.empty')}</p>}
      >
        {(page) => <DecisionList items={page.items} />}
      </AsyncView>
    </section>
  );
}

function CreditFigures(props: { file: CreditFile }) {
  const t = useMessages(creditMessages);
  const format = useFormat();
  const used = () =>
    props.file.limit > 0 ? props.file.exposure / props.file.limit : props.file.exposure > 0 ? 1 : 0;
  return (
    <dl class="figures credit-figures">
      <div class="figure">
        <dt>{t('figure.grade')}</dt>
        <dd>
          <span class="credit-grade" data-credit-grade={props.file.grade}>
            {props.file.grade}
          </span>{' '}
          <CreditStatusBadge status={props.file.status} />
          <span class="figure__note">{t('figure.score', { score: String(props.file.score) })}</span>
        </dd>
      </div>
      <div class="figure">
        <dt>{t('figure.limit')}</dt>
        <dd data-figure="limit">
          {format.money(props.file.limit)}
          <span class="figure__note">
            {props.file.limitSource === 'override' && props.file.override
              ? t('figure.limitOverride', { reason: props.file.override.reason })
              : t('figure.limitGrade', { grade: props.file.grade })}
          </span>
        </dd>
      </div>
      <div class="figure">
        <dt>{t('figure.term')}</dt>
        <dd>{t('figure.termDays', { days: String(props.file.termDays) })}</dd>
      </div>
      <div class="figure">
        <dt>{t('figure.exposure')}</dt>
        <dd data-figure="exposure">
          {format.money(props.file.exposure)}
          <span class="figure__note">{t('figure.used', { share: format.percent(used(), 0) })}</span>
          <meter
            class="credit-meter"
            min={0}
            max={1}
            low={0.8}
            high={0.99}
            optimum={0}
            value={Math.min(used(), 1)}
          />
        </dd>
      </div>
      <div class="figure">
        <dt>{t('figure.overdue')}</dt>
        <dd data-figure="overdue">
          {props.file.overdue > 0 ? format.money(props.file.overdue) : t('figure.none')}
          <Show when={props.file.overdue > 0}>
            <span class="figure__note">
              {t('figure.overdueDays', { days: String(props.file.maxDaysOverdue) })}
            </span>
          </Show>
        </dd>
      </div>
    </dl>
  );
}

function HoldNotice(props: {
  file: CreditFile;
  since: string;
  admin: boolean;
  onChanged: (file: CreditFile) => void;
}) {
  const t = useMessages(creditMessages);
  const api = useApi();
  const format = useFormat();
  const form = createForm();
  const release = async () => {
    const next = await unwrap(
      api.POST('/v1/customers/{customerId}/credit/release', {
        params: { path: { customerId: props.file.customerId } },
        body: {},
      }),
    );
    props.onChanged(next);
  };
  return (
    <div class="callout callout--danger" role="status">
      <p class="callout__title">{t('heldSince', { date: format.date(props.since, true) })}</p>
      <Show when={props.file.releasePending}>
        <p>{t('releasePending')}</p>
        <Show when={props.admin}>
          <form onSubmit={form.submit(release)}>
            <Button type="submit" variant="primary" disabled={form.pending()}>
              {t('release')}
            </Button>
          </form>
        </Show>
      </Show>
      <Show when={form.error()}>
        <ErrorState error={form.error()} />
      </Show>
    </div>
  );
}

function PendingLimitNotice(props: {
  customerId: string;
  limit: number;
  reason: string;
  admin: boolean;
  onChanged: (file: CreditFile) => void;
}) {
  const t = useMessages(creditMessages);
  const api = useApi();
  const format = useFormat();
  const form = createForm();
  const approve = async () => {
    props.onChanged(
      await unwrap(
        api.POST('/v1/customers/{customerId}/credit/limit/approve', {
          params: { path: { customerId: props.customerId } },
        }),
      ),
    );
  };
  return (
    <div class="callout" role="status">
      <p>{t('pendingLimit', { limit: format.money(props.limit), reason: props.reason })}</p>
      <Show when={props.admin}>
        <form onSubmit={form.submit(approve)}>
          <Button type="submit" variant="secondary" disabled={form.pending()}>
            {t('limit.approve')}
          </Button>
        </form>
      </Show>
      <Show when={form.error()}>
        <ErrorState error={form.error()} />
      </Show>
    </div>
  );
}

function LimitForm(props: { customerId: string; current: number; onChanged: (file: CreditFile) => void }) {
  const t = useMessages(creditMessages);
  const api = useApi();
  const { session } = useAuth();
  const form = createForm();
  const [open, setOpen] = createSignal(false);
  const [amount, setAmount] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [invalid, setInvalid] = createSignal(false);
  const currency = () => session()?.tenant.settings.defaultCurrency ?? 'CNY';
  const save = async () => {
    const limit = toMinorUnits(amount(), currency());
    setInvalid(limit === undefined);
    if (limit === undefined) return;
    const next = await unwrap(
      api.PUT('/v1/customers/{customerId}/credit/limit', {
        params: { path: { customerId: props.customerId } },
        body: { limit, reason: reason() },
      }),
    );
    props.onChanged(next);
    setOpen(false);
  };
  return (
    <Show
      when={open()}
      fallback={
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          {t('limit.open')}
        </Button>
      }
    >
      <form class="credit-limit-form" onSubmit={form.submit(save)} aria-label={t('limit.heading')}>
        <FormField
          name="limit"
          label={`${t('limit.amount')} (${currency()})`}
          value={amount()}
          onChange={setAmount}
          error={invalid() ? t('limit.invalid') : form.fieldError('limit')}
          required
        />
        <FormField
          name="reason"
          label={t('limit.reason')}
          value={reason()}
          onChange={setReason}
          error={form.fieldError('reason')}
          required
        />
        <div class="form-actions">
          <Button type="submit" variant="primary" disabled={form.pending()}>
            {t('limit.save')}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
            {t('limit.cancel')}
          </Button>
        </div>
        <Show when={form.error() && !form.fieldError('limit') && !form.fieldError('reason')}>
          <ErrorState error={form.error()} />
        </Show>
      </form>
    </Show>
  );
}

function AgeingTable(props: { file: CreditFile }) {
  const t = useMessages(creditMessages);
  const format = useFormat();
  return (
    <table class="table credit-ageing">
      <caption>{t('ageing.heading')}</caption>
      <tbody>
        <For each={ageingBuckets}>
          {(bucket) => (
            <tr>
              <th scope="row">{t(`ageing.${bucket}`)}</th>
              <td class="number">{format.money(props.file.ageing[bucket])}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

function FactorTable(props: { file: CreditFile }) {
  const t = useMessages(creditMessages);
  const format = useFormat();
  const { locale } = useLocale();
  // The API states each factor's basis in English only; the Chinese screen keeps to the figures.
  const showBasis = () => locale() === 'en';
  return (
    <table class="table credit-factors" ref={stackRowsWhenNarrow}>
      <caption>{t('factors.heading')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('factors.factor')}</th>
          <th scope="col" class="number">
            {t('factors.weight')}
          </th>
          <th scope="col" class="number">
            {t('factors.value')}
          </th>
          <Show when={showBasis()}>
            <th scope="col">{t('factors.basis')}</th>
          </Show>
        </tr>
      </thead>
      <tbody>
        <For each={props.file.factors}>
          {(factor) => (
            <tr>
              <th scope="row">{t(`factor.${factor.factor}`)}</th>
              <td class="number">{format.number(factor.weight)}</td>
              <td class="number">{format.percent(factor.value, 0)}</td>
              <Show when={showBasis()}>
                <td class="muted">{factor.basis}</td>
              </Show>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

function DecisionList(props: { items: readonly CreditDecision[] }) {
  const t = useMessages(creditMessages);
  const format = useFormat();
  const label = (decision: CreditDecision) =>
    t(`decision.${decision.kind}`, {
      grade: decision.grade,
      limit: format.money(decision.limit),
      status: t(`status.${decision.status}`),
    });
  return (
    <ol class="credit-decisions">
      <For each={props.items}>
        {(decision) => (
          <li data-decision={decision.kind}>
            <time datetime={decision.at}>{format.date(decision.at, true)}</time>
            <span class="credit-decisions__what">{label(decision)}</span>
            <Show when={decision.note}>{(note) => <span class="muted"> — {note()}</span>}</Show>
          </li>
        )}
      </For>
    </ol>
  );
}
