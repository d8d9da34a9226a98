import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import type { MessageKey } from '../../lib/i18n/catalog.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Card, Page } from '../../lib/ui/page.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import { EmptyState } from '../../lib/ui/states.js';
import { customer360Messages } from '../customers/360-messages.js';
import { partnersMessages } from '../partners/messages.js';
import { useDealStageName } from '../sales/stage-name.js';
import { serviceMessages } from '../service/messages.js';
import { settingsMessages } from '../settings/messages.js';
import { partnerPortalMessages } from './messages.js';

type PartnerCustomer = components['schemas']['PartnerCustomer'];
type CustomerTerm = MessageKey<typeof customer360Messages>;

/** What a shared customer shows beside its name: the shared fields that have a plain value. */
const PLAIN_FIELDS = ['phone', 'email', 'industry', 'status', 'kind', 'lifecycleStage'] as const;

/**
 * A partner user's home (经销商门户): its customers with only what is shared, the service
 * requests dispatched to it, the deals on its customers and its sales of the last 30 days. Read
 * fresh on every visit, so a revoked or expired share is gone at once.
 */
export function PortalPage() {
  const t = useMessages(partnerPortalMessages);
  const labelled = useLabelled();
  const share = useMessages(partnersMessages);
  const fieldLabel = useMessages(settingsMessages);
  const customerTerm = useMessages(customer360Messages);
  const serviceTerm = useMessages(serviceMessages);
  const dealStageName = useDealStageName();
  const format = useFormat();
  const api = useApi();
  const [portal, { refetch }] = createResource(() => unwrap(api.GET('/v1/partner/portal')));
  const details = (entry: PartnerCustomer) =>
    PLAIN_FIELDS.flatMap((field) => {
      const value = entry.customer[field];
      return typeof value === 'string'
        ? [labelled(fieldLabel(`shareField.${field}`), shownValue(field, value))]
        : [];
    });
  // Kind, status and lifecycle stage are codes: the reader gets their names, as on the 360°.
  const shownValue = (field: (typeof PLAIN_FIELDS)[number], value: string) => {
    if (field === 'kind' || field === 'status') return customerTerm(`${field}.${value}` as CustomerTerm);
    if (field === 'lifecycleStage') return customerTerm(`lifecycle.${value}` as CustomerTerm);
    return value;
  };

  return (
    <Page title={t('portalTitle')} term="经销商门户" description={t('portalDescription')}>
      <AsyncView resource={portal} onRetry={() => void refetch()}>
        {(view) => (
          <>
            <Show when={view.organisation}>
              {(organisation) => (
                <p class="muted">
                  {t('portalOrganisation', { name: organisation().name })}
                  <Show when={organisation().isAdmin}>
                    {' · '}
                    <A href={`/partners/${organisation().id}`}>{t('manageUsers')}</A>
                  </Show>
                </p>
              )}
            </Show>
            <Card title={t('myCustomers')}>
              <Show when={view.customers.length > 0} fallback={<EmptyState title={t('noCustomers')} />}>
                <ul class="partner-customers" aria-label={t('myCustomers')}>
                  <For each={view.customers}>
                    {(entry) => (
                      <li class="partner-customers__item">
                        <strong>{entry.customer.name}</strong>
                        <span class="muted"> · {share(`access.${entry.access}`)}</span>
                        <For each={details(entry)}>{(line) => <div>{line}</div>}</For>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Card>
            <Card title={t('figures')}>
              <Show when={view.figures.orders.length > 0} fallback={<p class="muted">{t('noOrders')}</p>}>
                <table class="table" ref={stackRowsWhenNarrow}>
                  <thead>
                    <tr>
                      <th scope="col">{t('orders')}</th>
                      <th scope="col">{t('orderValue')}</th>
                      <th scope="col">{t('recordedByYou')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={view.figures.orders}>
                      {(line) => (
                        <tr>
                          <td>{format.number(line.count)}</td>
                          <td>{format.money(line.amount, line.currency)}</td>
                          <td>{format.number(line.recordedByYou)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </Card>
            <Card title={t('myRequests')}>
              <Show when={view.serviceRequests.length > 0} fallback={<p class="muted">{t('noRequests')}</p>}>
                <ul>
                  <For each={view.serviceRequests}>
                    {(request) => (
                      <li>
                        <A href={`/service/requests/${request.id}`}>{request.summary}</A>
                        <span class="muted"> · {serviceTerm(`status.${request.status}`)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Card>
            <Card title={t('myDeals')}>
              <Show when={view.opportunities.length > 0} fallback={<p class="muted">{t('noDeals')}</p>}>
                <table class="table" ref={stackRowsWhenNarrow}>
                  <thead>
                    <tr>
                      <th scope="col">{t('deal')}</th>
                      <th scope="col">{t('stage')}</th>
                      <th scope="col">{t('amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={view.opportunities}>
                      {(deal) => (
                        <tr>
                          <th scope="row">{deal.name}</th>
                          <td>{dealStageName(view.pipelines, deal)}</td>
                          <td>{format.money(deal.amount, deal.currency)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </Card>
          </>
        )}
      </AsyncView>
    </Page>
  );
}
