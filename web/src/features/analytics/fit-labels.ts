import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import type { ModelFit } from './create-refit.js';
import { analyticsMessages } from './messages.js';

/** The words and number styles the analytics cards share. */
export function useFitLabels() {
  const t = useMessages(analyticsMessages);
  const format = useFormat();
  return {
    t,
    format,
    status: (status: ModelFit['status']) => t(`status.${status}`),
    trigger: (trigger: ModelFit['trigger']) => t(`trigger.${trigger}`),
    /** Model parameters: four significant digits read well from 0.0001 to 10,000. */
    parameter: (value: number | null | undefined) => {
      if (value === null || value === undefined) return t('none');
      // Tiny numbers (a gradient norm near 0) read better as 1.081E-8 than as a row of zeros.
      const tiny = value !== 0 && Math.abs(value) < 0.001;
      return format.number(value, {
        maximumSignificantDigits: 4,
        ...(tiny ? { notation: 'scientific' } : {}),
      });
    },
    count: (value: number | null | undefined) =>
      value === null || value === undefined ? t('none') : format.number(value),
    ms: (value: number | null | undefined) =>
      value === null || value === undefined
        ? t('none')
        : t('timing.ms', { ms: format.number(Math.round(value)) }),
  };
}
