import { A } from '@solidjs/router';
import { createResource } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi } from '../../lib/auth/auth-context.js';

/**
 * A link to a customer's 360° by its name, for lists that hold only the customer's id (plans,
 * requests). Until the name arrives, or if the customer cannot be read (erased, not shared), the
 * `fallback` text stands in: the link still works.
 */
export function CustomerLink(props: { customerId: string; fallback: string; tab?: string }) {
  const api = useApi();
  const [customer] = createResource(
    () => props.customerId,
    (customerId) =>
      unwrap(api.GET('/v1/customers/{customerId}', { params: { path: { customerId } } })).catch(
        () => undefined,
      ),
  );
  return (
    <A href={`/customers/${props.customerId}${props.tab ? `?tab=${props.tab}` : ''}`}>
      {customer()?.name ?? props.fallback}
    </A>
  );
}
