import { Tabs } from '@kobalte/core/tabs';
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, type JSX, Match, Show, Switch } from 'solid-js';
import { isVersionConflict, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { NarrowDisclosure } from '../../lib/ui/narrow-disclosure.js';
import { useNarrowScreen } from '../../lib/ui/narrow-screen.js';
import { Page } from '../../lib/ui/page.js';
import { ErrorState, LoadingState } from '../../lib/ui/states.js';
import {
  CustomerComplaintsPanel,
  OpenComplaintsNotice,
  useOpenComplaints,
} from '../complaints/customer-complaints-panel.js';
import { CreditPanel } from '../credit/credit-panel.js';
import { PartnerShareDialog } from '../partners/share-dialog.js';
import { CustomerDeals } from '../sales/customer-deals.js';
import { CustomerServicePanel } from '../service/customer-service-panel.js';
import { settingsMessages } from '../settings/messages.js';
import { CustomerSurveysPanel } from '../surveys/customer-surveys-panel.js';
import { CustomerTasks } from '../tasks/customer-tasks.js';
import { ContactsPanel } from './360/contacts-panel.js';
import { CustomerHeader } from './360/customer-header.js';
import { CustomerScores } from './360/customer-scores.js';
import { customer360Messages } from './360-messages.js';
import './360/customer-360.css';
import { DetailsPanel } from './360/details-panel.js';
import { HistoryPanel } from './360/history-panel.js';
import { type CustomerInsights, readInsights, type ScoreView } from './360/insights-reader.js';
import { TimelinePanel } from './360/timeline-panel.js';

type Customer = components['schemas']['Customer'];
type CustomerAnswer = Customer | components['schemas']['SharedCustomer'];

/** A partner's answer is a share (some fields); the 360° needs the whole profile. */
function isWholeCustomer(customer: CustomerAnswer): customer is Customer {
  return 'stats' in customer && customer.stats !== undefined && typeof customer.version === 'number';
}

/** The customer's 360° view (360度客户视图) at `/customers/:id`. */
export function Customer360Page() {
  const t = useMessages(customer360Messages);
  const params = useParams<{ id: string }>();
  const api = useApi();
  const { session } = useAuth();

  const [customer, { refetch: refetchCustomer, mutate: setCustomer }] = createResource(
    () => params.id,
    (customerId) => unwrap(api.GET('/v1/customers/{customerId}', { params: { path: { customerId } } })),
  );
  // Partners see a share of the customer and no scores: not asking spares them a 403.
  const [insights, { refetch: refetchInsights }] = createResource(
    () => (session()?.user.role === 'partner' ? undefined : params.id),
    (customerId) =>
      unwrap(api.GET('/v1/customers/{customerId}/insights', { params: { path: { customerId } } })),
  );
  // Only admins may list users; everyone else sees "you" or the owner's id.
  const canListUsers = () => {
    const role = session()?.user.role;
    return role === 'owner' || role === 'admin';
  };
  // 按权限共享 from the customer itself (admins): the same dialog as Settings → Partner shares.
  const shareLabel = useMessages(settingsMessages);
  const [sharing, setSharing] = createSignal(false);
  const [users] = createResource(canListUsers, () =>
    unwrap(api.GET('/v1/users')).catch(() => ({ items: [] as components['schemas']['User'][] })),
  );
  const nameOf = (userId: string) => {
    if (userId === session()?.user.id) return t('history.you');
    // Changes no person stamped (docs/security.md, "What leaves the product").
    if (userId === 'system') return t('history.system');
    const user = users()?.items.find((candidate) => candidate.id === userId);
    return user ? user.name || user.email : userId;
  };
  const scoreView = createMemo(() => {
    const answer = insights.state === 'ready' || insights.state === 'refreshing' ? insights() : undefined;
    // openapi-fetch widens the RFM cutoff tuples to arrays; the reader reads them by index either way.
    return answer ? readInsights(answer as CustomerInsights) : undefined;
  });

  // The whole profile, kept while it refreshes: the screen below stays mounted (tabs, forms) across refetches.
  const wholeCustomer = createMemo(() => {
    const current = customer.error ? undefined : customer.latest;
    return current && isWholeCustomer(current) ? current : undefined;
  });
  const title = () => wholeCustomer()?.name ?? t('title');

  const refreshFigures = () => {
    void refetchCustomer();
    void refetchInsights();
  };

  return (
    <Page
      title={title()}
      term="360度客户视图"
      description={t('title')}
      actions={
        <Show when={wholeCustomer()}>
          {(whole) => (
            <div class="page-actions">
              <A href={`/customers/${whole().id}/edit`} class="button button--secondary">
                {t('edit')}
              </A>
              <ArchiveControl customer={whole()} onChanged={(next) => setCustomer(next)} />
              <Show when={canListUsers()}>
                <Button variant="secondary" onClick={() => setSharing(true)}>
                  {shareLabel('shares.add')}
                </Button>
                <PartnerShareDialog
                  open={sharing()}
                  onOpenChange={setSharing}
                  customer={{ id: whole().id, name: whole().name }}
                  onShared={() => undefined}
                />
              </Show>
            </div>
          )}
        </Show>
      }
    >
      <A href="/customers" class="back-link">
        ← {t('back')}
      </A>
      <Switch fallback={<LoadingState />}>
        <Match when={customer.error}>
          <ErrorState error={customer.error} onRetry={refetchCustomer} />
        </Match>
        <Match when={wholeCustomer()}>
          {(whole) => (
            <Customer360
              customer={whole()}
              scoreView={scoreView()}
              scores={
                <Show
                  when={!insights.error}
                  fallback={
                    <ErrorState error={insights.error} title={t('scores.error')} onRetry={refetchInsights} />
                  }
                >
                  <Show when={scoreView()} fallback={<LoadingState />}>
                    {(view) => <CustomerScores view={view()} />}
                  </Show>
                </Show>
              }
              ownerName={whole().ownerId ? nameOf(whole().ownerId ?? '') : undefined}
              actorName={nameOf}
              onInteractionAdded={refreshFigures}
              onChanged={(next) => setCustomer(next)}
            />
          )}
        </Match>
        <Match when={customer.state === 'ready'}>
          <ErrorState error={undefined} />
        </Match>
      </Switch>
    </Page>
  );
}

function Customer360(props: {
  customer: Customer;
  scoreView: ScoreView | undefined;
  scores: JSX.Element;
  ownerName: string | undefined;
  actorName: (actorId: string) => string;
  onInteractionAdded: () => void;
  onChanged: (customer: Customer) => void;
}) {
  const t = useMessages(customer360Messages);
  const format = useFormat();
  const narrow = useNarrowScreen();
  // `?tab=credit` opens a panel directly (the hold list links to the credit file).
  const [search] = useSearchParams<{ tab?: string }>();
  const [tab, setTab] = createSignal(search.tab ?? 'timeline');
  const [openComplaints, { refetch: refetchOpenComplaints }] = useOpenComplaints(() => props.customer.id);
  const archived = () => Boolean(props.customer.archivedAt);
  const stats = () => props.customer.stats;
  const dateOrDash = (value: string | undefined) => (value ? format.date(value) : t('figures.none'));
  // The default-currency total alone would read 0 for a customer who pays in another currency:
  // every currency the customer bought in is shown, each summed exactly on its own.
  const orderValues = () => {
    const sums = Object.entries(stats().orderValueByCurrency ?? {}).filter(([, sum]) => sum !== 0);
    return sums.length === 0
      ? format.money(stats().orderValue)
      : sums.map(([currency, sum]) => format.money(sum, currency)).join(' · ');
  };
  const keyFigures = () =>
    [
      t(`kind.${props.customer.kind}` as const),
      `${t('figures.orders')} ${format.number(stats().orderCount)}`,
      orderValues(),
    ].join(' · ');
  const complaintsNotice = () => (
    <OpenComplaintsNotice count={openComplaints()?.items.length ?? 0} onOpen={() => setTab('complaints')} />
  );
  return (
    <>
      <Show when={props.customer.archivedAt}>
        {(at) => (
          <div class="callout" role="status">
            <p class="callout__title">{t('archived', { date: format.date(at(), true) })}</p>
          </div>
        )}
      </Show>
      <Show when={narrow()}>{complaintsNotice()}</Show>
      {/* On a phone the profile, scores, figures, tasks and deals fold under the customer's kind and
          key figures, so the tabs and the timeline (what a sales person opens this for) come next. */}
      <NarrowDisclosure
        class="customer-summary"
        summary={
          <>
            <span>{keyFigures()}</span>
            <span class="customer-summary__more">{t('summary.more')}</span>
          </>
        }
      >
        <CustomerHeader
          customer={props.customer}
          scores={props.scoreView}
          ownerName={props.ownerName}
          onChanged={props.onChanged}
        />
        <Show when={!narrow()}>{complaintsNotice()}</Show>
        {props.scores}
        <section class="card" aria-labelledby="figures-heading">
          <h2 id="figures-heading" class="card__title">
            {t('figures.heading')}
          </h2>
          <dl class="figures" data-testid="figures">
            <div class="figure">
              <dt>{t('figures.orders')}</dt>
              <dd data-figure="orders">{format.number(stats().orderCount)}</dd>
            </div>
            <div class="figure">
              <dt>{t('figures.value')}</dt>
              <dd data-figure="value">{orderValues()}</dd>
            </div>
            <div class="figure">
              <dt>{t('figures.payments')}</dt>
              <dd data-figure="payments">{format.money(stats().paymentValue)}</dd>
            </div>
            <div class="figure">
              <dt>{t('figures.first')}</dt>
              <dd data-figure="first">{dateOrDash(stats().firstOrderAt)}</dd>
            </div>
            <div class="figure">
              <dt>{t('figures.last')}</dt>
              <dd data-figure="last">{dateOrDash(stats().lastOrderAt)}</dd>
            </div>
          </dl>
        </section>
        <CustomerTasks customerId={props.customer.id} />
        <CustomerDeals customerId={props.customer.id} />
      </NarrowDisclosure>
      <Tabs value={tab()} onChange={setTab} class="tabs" aria-label={t('tabs.label')}>
        <Tabs.List class="tabs__list" data-scrolls-sideways>
          <Tabs.Trigger class="tabs__trigger" value="timeline">
            {t('tabs.timeline')}
          </Tabs.Trigger>
          <Tabs.Trigger class="tabs__trigger" value="contacts">
            {t('tabs.contacts')}
          </Tabs.Trigger>
          <Tabs.Trigger class="tabs__trigger" value="credit">
            {t('tabs.credit')}
          </Tabs.Trigger>
          <Tabs.Trigger class="tabs__trigger" value="complaints">
            {t('tabs.complaints')}
          </Tabs.Trigger>
          <Tabs.Trigger class="tabs__trigger" value="service">
            {t('tabs.service')}
          </Tabs.Trigger>
          <Tabs.Trigger class="tabs__trigger" value="history">
            {t('tabs.history')}
          </Tabs.Trigger>
          <Tabs.Trigger class="tabs__trigger" value="details">
            {t('tabs.details')}
          </Tabs.Trigger>
          <Tabs.Indicator class="tabs__indicator" />
        </Tabs.List>
        <Tabs.Content class="tabs__content" value="timeline">
          <TimelinePanel
            customerId={props.customer.id}
            archived={archived()}
            onChanged={props.onInteractionAdded}
          />
        </Tabs.Content>
        <Tabs.Content class="tabs__content" value="contacts">
          <ContactsPanel customerId={props.customer.id} archived={archived()} />
        </Tabs.Content>
        <Tabs.Content class="tabs__content" value="credit">
          <CreditPanel
            customerId={props.customer.id}
            orderCurrencies={Object.keys(props.customer.stats.orderValueByCurrency ?? {})}
          />
        </Tabs.Content>
        <Tabs.Content class="tabs__content" value="complaints">
          <CustomerComplaintsPanel
            customerId={props.customer.id}
            archived={archived()}
            onRecorded={() => {
              void refetchOpenComplaints();
              props.onInteractionAdded();
            }}
          />
          <CustomerSurveysPanel customerId={props.customer.id} />
        </Tabs.Content>
        <Tabs.Content class="tabs__content" value="service">
          <CustomerServicePanel
            customerId={props.customer.id}
            archived={archived()}
            onReceived={props.onInteractionAdded}
          />
        </Tabs.Content>
        <Tabs.Content class="tabs__content" value="history">
          <HistoryPanel
            customerId={props.customer.id}
            version={props.customer.version}
            actorName={props.actorName}
          />
        </Tabs.Content>
        <Tabs.Content class="tabs__content" value="details">
          <DetailsPanel customer={props.customer} />
        </Tabs.Content>
      </Tabs>
    </>
  );
}

/** Archive (restorable) or restore; the answer is the customer's new version. */
function ArchiveControl(props: { customer: Customer; onChanged: (customer: Customer) => void }) {
  const t = useMessages(customer360Messages);
  const api = useApi();
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [done, setDone] = createSignal<string>();
  const run = async (action: 'archive' | 'restore') => {
    setPending(true);
    setError(undefined);
    try {
      // The version on screen: someone else's change since then is shown, not archived over.
      const params = {
        path: { customerId: props.customer.id },
        header: { 'if-match': `"${props.customer.version}"` },
      };
      const next =
        action === 'archive'
          ? await unwrap(api.DELETE('/v1/customers/{customerId}', { params }))
          : await unwrap(api.POST('/v1/customers/{customerId}/restore', { params }));
      props.onChanged(next);
      setDone(action === 'archive' ? t('archive.done') : t('restore.done'));
    } catch (caught) {
      const current = isVersionConflict(caught) ? caught.details.current : undefined;
      if (current && typeof current === 'object') {
        props.onChanged(current as Customer);
        setError(new Error(t('archive.conflict')));
      } else setError(caught);
    } finally {
      setPending(false);
    }
  };
  return (
    <div class="archive-control">
      <span class="muted" role="status">
        {done()}
      </span>
      <Show
        when={props.customer.archivedAt}
        fallback={
          <Button variant="danger" disabled={pending()} onClick={() => run('archive')}>
            {t('archive')}
          </Button>
        }
      >
        <Button variant="secondary" disabled={pending()} onClick={() => run('restore')}>
          {t('restore')}
        </Button>
      </Show>
      <Show when={error()}>
        <p class="form__error" role="alert">
          {error() instanceof Error ? (error() as Error).message : ''}
        </p>
      </Show>
    </div>
  );
}
