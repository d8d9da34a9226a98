import { Button as KobalteButton } from '@kobalte/core/button';
import { type ComponentProps, splitProps } from 'solid-js';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

/** Kobalte's accessible button with the app's look: `variant` picks the style. */
export function Button(props: ComponentProps<typeof KobalteButton> & { variant?: ButtonVariant }) {
  const [local, rest] = splitProps(props, ['variant', 'class']);
  return (
    <KobalteButton
      class={`button button--${local.variant ?? 'primary'}${local.class ? ` ${local.class}` : ''}`}
      {...rest}
    />
  );
}
