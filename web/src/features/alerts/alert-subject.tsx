import { A } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { alertsMessages } from './messages.js';

type Alert = components['schemas']['Alert'];

/**
 * What an alert is about, as a link to where it is dealt with: the complaint, the service request,
 * the endpoints or the customer.
 */
export function AlertSubject(props: { alert: Alert }) {
  const t = useMessages(alertsMessages);
  return (
    <Switch fallback={<A href="/settings/webhooks">{t('webhook.subject')}</A>}>
      <Match when={props.alert.complaintId}>
        {(complaintId) => (
          <A href={`/complaints/${complaintId()}`}>
            {t('complaint.subject', { customer: props.alert.customerName ?? props.alert.customerId ?? '' })}
          </A>
        )}
      </Match>
      <Match when={props.alert.serviceRequestId}>
        {(requestId) => (
          <A href={`/service/requests/${requestId()}`}>
            {t('service.subject', { customer: props.alert.customerName ?? props.alert.customerId ?? '' })}
          </A>
        )}
      </Match>
      <Match when={props.alert.customerId}>
        {(customerId) => (
          <A href={`/customers/${customerId()}?tab=credit`}>{props.alert.customerName ?? customerId()}</A>
        )}
      </Match>
    </Switch>
  );
}
