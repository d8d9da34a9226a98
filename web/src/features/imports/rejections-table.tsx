import { createUniqueId, For, Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import type { ImportLayout } from './column-mapping.js';
import { rejectionsCsv } from './csv-file.js';
import { importsMessages } from './messages.js';
import { saveTextFile } from './save-text-file.js';

type ImportRejection = components['schemas']['ImportReport']['rejected'][number];

const SHOWN = 100;

/** The per-row rejections (row, field, reason) and a CSV of them with the rows themselves. */
export function RejectionsTable(props: {
  rejections: readonly ImportRejection[];
  /** How many rows were rejected in all (the API keeps the first 5,000 reasons). */
  total: number;
  file: { name: string; text: string; layout: ImportLayout };
}) {
  const t = useMessages(importsMessages);
  const format = useFormat();
  const titleId = createUniqueId();
  const download = () => {
    const base = props.file.name.replace(/\.[^.]+$/, '') || 'import';
    saveTextFile(`${base}-rejected.csv`, rejectionsCsv(props.rejections, props.file));
  };
  return (
    <Show when={props.total > 0} fallback={<p class="muted">{t('rejections.none')}</p>}>
      <section class="rejections" aria-labelledby={titleId}>
        <div class="section-header">
          <h3 id={titleId} class="section-title">
            {t('rejections.title')}
          </h3>
          <Button variant="secondary" onClick={download}>
            {t('rejections.download')}
          </Button>
        </div>
        <ScrollTable
          columns={[
            { label: t('rejections.row'), class: 'table__number table__narrow' },
            { label: t('rejections.field'), class: 'table__narrow' },
            t('rejections.reason'),
          ]}
        >
          <For each={props.rejections.slice(0, SHOWN)}>
            {(rejection) => (
              <tr>
                <td class="table__number table__narrow">{format.number(rejection.row)}</td>
                <td>
                  <code>{rejection.field ?? '—'}</code>
                </td>
                <td>{rejection.reason}</td>
              </tr>
            )}
          </For>
        </ScrollTable>
        <Show when={props.total > Math.min(SHOWN, props.rejections.length)}>
          <p class="field__description">
            {t('rejections.more', {
              shown: format.number(Math.min(SHOWN, props.rejections.length)),
              total: format.number(props.total),
            })}
          </p>
        </Show>
      </section>
    </Show>
  );
}
