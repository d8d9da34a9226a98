/**
 * P(alive) as a half-circle gauge. The drawing is decorative; a native <meter> carries the same
 * value (with its text) for assistive technology, and the percentage is printed beside it.
 */
export function PAliveGauge(props: { value: number; label: string; valueText: string }) {
  const clamped = () => Math.min(1, Math.max(0, props.value));
  // A half circle of radius 40: its length is π·40; the filled part is that times the share.
  const length = Math.PI * 40;
  const tone = () => (clamped() >= 0.6 ? 'high' : clamped() >= 0.3 ? 'mid' : 'low');
  return (
    <div class={`gauge gauge--${tone()}`}>
      <svg viewBox="0 0 100 56" width="112" height="63" aria-hidden="true">
        <path class="gauge__track" d="M10 50 A40 40 0 0 1 90 50" />
        <path
          class="gauge__fill"
          d="M10 50 A40 40 0 0 1 90 50"
          stroke-dasharray={`${length * clamped()} ${length}`}
        />
      </svg>
      <meter
        class="gauge__meter"
        min={0}
        max={1}
        low={0.3}
        high={0.6}
        optimum={1}
        value={clamped()}
        aria-label={props.label}
        aria-valuetext={props.valueText}
      />
      <span class="gauge__value" aria-hidden="true">
        {props.valueText}
      </span>
    </div>
  );
}
