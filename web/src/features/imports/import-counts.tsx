import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { importsMessages } from './messages.js';

type ImportJob = components['schemas']['ImportJob'];

/** The finished import's figures: read, written, unchanged, rejected and customers created. */
export function ImportCounts(props: { job: ImportJob }) {
  const t = useMessages(importsMessages);
  const format = useFormat();
  const counts = () =>
    [
      ['counts.read', props.job.rowsRead],
      ['counts.written', props.job.rowsWritten],
      ['counts.unchanged', props.job.rowsUnchanged],
      ['counts.rejected', props.job.rowsRejected],
      ['counts.customersCreated', props.job.customersCreated],
    ] as const;
  return (
    <dl class="import-counts">
      {counts().map(([label, value]) => (
        <div class="import-counts__item" data-count={label}>
          <dt class="kpi__label">{t(label)}</dt>
          <dd class="import-counts__value">{format.number(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
