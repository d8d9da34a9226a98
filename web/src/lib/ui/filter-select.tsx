import { For } from 'solid-js';

/**
 * A list filter: a labelled select of the given values, with an "all" choice (the empty value)
 * first. The inline labels of a filter bar, not a form field (no field frame, no error).
 *
 * @example
 * <FilterSelect label={t('filter.status')} all={t('filter.all')} options={statuses}
 *   optionLabel={(status) => t(`status.${status}`)} value={filters().status}
 *   onChange={(status) => update({ status })} />
 */
export function FilterSelect<V extends string>(props: {
  label: string;
  all: string;
  options: readonly V[];
  optionLabel: (option: V) => string;
  value: V | '';
  onChange: (value: V | '') => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} onChange={(event) => props.onChange(event.currentTarget.value as V | '')}>
        <option value="">{props.all}</option>
        <For each={props.options}>
          {(option) => <option value={option}>{props.optionLabel(option)}</option>}
        </For>
      </select>
    </label>
  );
}
