import { Popover } from '@kobalte/core/popover';
import { For, type JSX, Show } from 'solid-js';
import { useMessages } from '../../../lib/i18n/i18n-context.js';
import { customer360Messages } from '../360-messages.js';

export type WhyRow = { label: string; value: string };

/**
 * The "why" of one number (Kobalte Popover): the inputs, the model parameters and the rule the API
 * says produced it, so nobody has to trust a score they cannot check.
 */
export function WhyPopover(props: {
  /** What the number is, e.g. "P(alive)"; names the trigger and the popover. */
  name: string;
  inputs: readonly WhyRow[];
  params?: readonly WhyRow[];
  rule?: string | null | undefined;
  footer?: JSX.Element;
}) {
  const t = useMessages(customer360Messages);
  return (
    <Popover gutter={6} placement="bottom-start">
      <Popover.Trigger class="why__trigger" aria-label={t('why.label', { name: props.name })}>
        {t('why.button')}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="why">
          <Popover.Arrow />
          <div class="why__header">
            <Popover.Title class="why__title">{t('why.label', { name: props.name })}</Popover.Title>
            <Popover.CloseButton class="why__close" aria-label={t('why.close')}>
              ×
            </Popover.CloseButton>
          </div>
          <Popover.Description as="div" class="why__body">
            <h3 class="why__section">{t('why.inputs')}</h3>
            <WhyTable rows={props.inputs} />
            <Show when={props.params && props.params.length > 0}>
              <h3 class="why__section">{t('why.params')}</h3>
              <WhyTable rows={props.params ?? []} />
            </Show>
            <Show when={props.rule}>
              <h3 class="why__section">{t('why.rule')}</h3>
              <p class="why__rule">{props.rule}</p>
            </Show>
            <Show when={props.footer}>
              <p class="why__footer">{props.footer}</p>
            </Show>
          </Popover.Description>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}

function WhyTable(props: { rows: readonly WhyRow[] }) {
  return (
    <dl class="why__rows">
      <For each={props.rows}>
        {(row) => (
          <div class="why__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}
