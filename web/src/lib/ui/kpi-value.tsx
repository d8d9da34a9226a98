/** Characters past which a figure is set smaller, so an amount like US$753,388 stays on one line in its card. */
const LONG_FIGURE = 9;

/** A key figure's value in a `.kpi` card. */
export function KpiValue(props: { value: string; name?: string }) {
  return (
    <p
      class="kpi__value"
      classList={{ 'kpi__value--long': props.value.length > LONG_FIGURE }}
      data-figure={props.name}
    >
      {props.value}
    </p>
  );
}
