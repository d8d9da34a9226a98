import { For, Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { campaignsMessages } from './messages.js';

type PreviewAddress = components['schemas']['CampaignPreviewAddress'];

/**
 * Every address of the previewed customer, as the send decides it (the API applies the send's own
 * rule): where the message goes, per contact, and what is left out with the reason.
 */
export function PreviewAddresses(props: { addresses: PreviewAddress[] }) {
  const t = useMessages(campaignsMessages);
  return (
    <Show when={props.addresses.length > 0} fallback={<p class="muted">{t('composer.noAddress')}</p>}>
      <ul class="campaign-preview__addresses muted" data-testid="campaign-preview-addresses">
        <For each={props.addresses}>
          {(address) => (
            <li>
              {`${address.contactName ?? t('composer.ownAddress')} · ${address.to} — `}
              {address.sent
                ? t('composer.addressSent')
                : t('composer.addressLeftOut', { reason: t(`reason.${address.reason ?? 'no_consent'}`) })}
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
