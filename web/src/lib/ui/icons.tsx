import type { JSX } from 'solid-js';

/** The few line icons the shell uses (24×24, currentColor); decorative, so hidden from readers. */
const paths = {
  dashboard: 'M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z',
  customers:
    'M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.7 0-8 1.3-8 4v2h10v-2c0-.9.4-1.7 1-2.4-1-.4-2-.6-3-.6zm8 0c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4z',
  imports: 'M12 3v12m0 0-4-4m4 4 4-4M4 17v3h16v-3',
  analytics: 'M4 20V10m6 10V4m6 16v-7m4 7H2',
  // A gauge: how the CRM itself is doing (评估), apart from the dashboard's tiles.
  kpis: 'M4 18a8 8 0 1 1 16 0M12 18l4-6M12 6v2M6.3 8.3l1.4 1.4M17.7 8.3l-1.4 1.4',
  credit: 'M3 6h18v12H3zm0 4h18M7 15h4',
  alerts: 'M18 16V11a6 6 0 0 0-12 0v5l-2 2h16zm-8 4a2 2 0 0 0 4 0',
  // A megaphone: one message to many customers (批量沟通), not the bell of an alert.
  campaigns: 'm3 11 18-5v12L3 14zm8.6 5.8a3 3 0 1 1-5.8-1.6',
  // A pie with a slice out: a part of the customer book picked by a filter (客户细分).
  segments: 'M21.2 15.9A10 10 0 1 1 8 2.8M22 12A10 10 0 0 0 12 2v10z',
  complaints: 'M4 4h16v12H8l-4 4zm8 3v4m0 2.5v.5',
  sales: 'M3 4h18l-7 8v6l-4 2v-8z',
  service: 'M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.4-.6-.6-2.4z',
  surveys: 'M9 3h6v3H9zM7 4.5H5V21h14V4.5h-2M8 11h8M8 15h5',
  tasks: 'M9 11l3 3 8-8M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7.6 7.6 0 0 0-2.2-1.3L14.3 3h-4l-.4 2.4a7.6 7.6 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7.6 7.6 0 0 0 2.2 1.3l.4 2.4h4l.4-2.4a7.6 7.6 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3z',
  // A shield with a tick: the rules (credit, churn, care) the business sets for itself.
  policy: 'M12 3 4 6v6c0 4.4 3.4 8.3 8 9 4.6-.7 8-4.6 8-9V6zm-3.5 9 2.5 2.5 4.5-5',
  // Three steps joined: a trigger, then actions.
  workflow: 'M4 4h6v6H4zm10 10h6v6h-6zM7 10v4a3 3 0 0 0 3 3h4M14 7h3a3 3 0 0 1 3 3v4',
  // Two links: a hook into another tool.
  webhook:
    'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  chevronDown: 'm6 9 6 6 6-6',
  logout: 'M15 17l5-5-5-5m5 5H9m4 9H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h8',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zm-9-9h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18',
} as const;

export type IconName = keyof typeof paths;

const filled: ReadonlySet<IconName> = new Set(['dashboard', 'customers']);

export function Icon(props: { name: IconName; size?: number; class?: string }): JSX.Element {
  const isFilled = () => filled.has(props.name);
  return (
    <svg
      class={`icon${props.class ? ` ${props.class}` : ''}`}
      width={props.size ?? 18}
      height={props.size ?? 18}
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill={isFilled() ? 'currentColor' : 'none'}
      stroke={isFilled() ? 'none' : 'currentColor'}
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={paths[props.name]} />
    </svg>
  );
}
