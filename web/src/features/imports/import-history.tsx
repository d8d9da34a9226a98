import { createSignal, For, type Resource, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { ActionCard } from '../../lib/ui/action-card.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Button } from '../../lib/ui/button.js';
import { ScrollTable } from '../../lib/ui/scroll-table.js';
import { EmptyState } from '../../lib/ui/states.js';
import { rejectionsCsv } from './csv-file.js';
import { importsMessages } from './messages.js';
import { saveTextFile } from './save-text-file.js';

type ImportJob = components['schemas']['ImportJob'];

/** The tenant's recent imports, newest first, each with its rejected rows to download. */
export function ImportHistory(props: { imports: Resource<{ items: ImportJob[] }>; onRefresh: () => void }) {
  const t = useMessages(importsMessages);
  const format = useFormat();
  const api = useApi();
  const [downloadError, setDownloadError] = createSignal<string>();

  const download = async (job: ImportJob) => {
    setDownloadError(undefined);
    try {
      const full = await unwrap(
        api.GET('/v1/imports/{importId}', { params: { path: { importId: job.id } } }),
      );
      saveTextFile(
        `import-${job.startedAt.slice(0, 10)}-${job.id}-rejected.csv`,
        rejectionsCsv(full.rejected),
      );
    } catch (error) {
      setDownloadError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <ActionCard
      title={t('history.title')}
      action={
        <Button variant="ghost" onClick={() => props.onRefresh()}>
          {t('history.refresh')}
        </Button>
      }
    >
      <AsyncView
        resource={props.imports}
        onRetry={props.onRefresh}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState title={t('history.empty')} />}
      >
        {(page) => (
          <ScrollTable
            columns={[
              t('history.started'),
              t('history.kind'),
              t('history.status'),
              { label: t('history.read'), class: 'table__number' },
              { label: t('history.written'), class: 'table__number' },
              { label: t('history.rejected'), class: 'table__number' },
              t('history.actions'),
            ]}
          >
            <For each={page.items}>
              {(job) => (
                <tr>
                  <td>{format.date(job.startedAt, true)}</td>
                  <td>
                    {t(`kind.${job.kind}`)}
                    <Show when={job.layout === 'cdnow'}>
                      <span class="badge">CDNOW</span>
                    </Show>
                  </td>
                  <td>
                    <span class={`status status--${job.status}`}>{t(`status.${job.status}`)}</span>
                    <Show when={job.error}>
                      <div class="field__description">{job.error}</div>
                    </Show>
                  </td>
                  <td class="table__number">{format.number(job.rowsRead)}</td>
                  <td class="table__number">{format.number(job.rowsWritten)}</td>
                  <td class="table__number">{format.number(job.rowsRejected)}</td>
                  <td>
                    <Show when={job.rowsRejected > 0}>
                      <Button
                        variant="ghost"
                        aria-label={t('history.downloadLabel', {
                          date: format.date(job.startedAt, true),
                        })}
                        onClick={() => void download(job)}
                      >
                        {t('history.download')}
                      </Button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </ScrollTable>
        )}
      </AsyncView>
      <Show when={downloadError()}>
        <p class="form__error" role="alert">
          {downloadError()}
        </p>
      </Show>
    </ActionCard>
  );
}
