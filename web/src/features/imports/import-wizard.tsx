import { RadioGroup } from '@kobalte/core/radio-group';
import { A } from '@solidjs/router';
import { createSignal, For, type JSX, Match, onCleanup, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import { useFieldIssueText } from '../../lib/api/field-issue-text.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { Card } from '../../lib/ui/page.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import {
  type ColumnMapping,
  type CustomFieldDefinition,
  guessCustomFieldMapping,
  guessMapping,
  type ImportKind,
  type ImportLayout,
  importableCustomFields,
  importFields,
  mappingParameter,
  missingRequired,
  requiredFields,
} from './column-mapping.js';
import { type CsvPreview, MAX_IMPORT_BYTES, previewCsv } from './csv-file.js';
import { CustomFieldMapping } from './custom-field-mapping.js';
import { ImportCounts } from './import-counts.js';
import { importsMessages } from './messages.js';
import { RejectionsTable } from './rejections-table.js';

type ImportReport = components['schemas']['ImportReport'];
type ImportJob = components['schemas']['ImportJob'];
type Step = 'file' | 'map' | 'check' | 'run' | 'done';

const STEPS = [
  ['file', 'step.file'],
  ['map', 'step.map'],
  ['check', 'step.check'],
  ['run', 'step.run'],
] as const;

const POLL_MS = 600;
const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'TWD', 'JPY', 'KRW', 'SGD', 'GBP'] as const;

type LoadedFile = { name: string; size: number; text: string };

/**
 * 数据迁移 in four steps: choose a CSV (or CDNOW) file, map its columns (read in the browser with
 * papaparse), dry-run it to see every rejected row, then import with live progress.
 */
export function ImportWizard(props: { onImported: () => void }) {
  const t = useMessages(importsMessages);
  const issueText = useFieldIssueText();
  const api = useApi();
  const { session } = useAuth();
  const format = useFormat();

  const [step, setStep] = createSignal<Step>('file');
  const [kind, setKind] = createSignal<ImportKind>('customers');
  const [layout, setLayout] = createSignal<ImportLayout>('csv');
  const [file, setFile] = createSignal<LoadedFile>();
  const [fileError, setFileError] = createSignal<string>();
  const [preview, setPreview] = createSignal<CsvPreview>();
  const [mapping, setMapping] = createStore<ColumnMapping>({});
  const [createMissing, setCreateMissing] = createSignal(false);
  const [currency, setCurrency] = createSignal('');
  const [dragging, setDragging] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const [requestError, setRequestError] = createSignal<string>();
  const [dryRun, setDryRun] = createSignal<ImportReport>();
  const [progress, setProgress] = createSignal<ImportJob>();
  const [result, setResult] = createSignal<
    ImportReport | (ImportJob & { rejected: ImportReport['rejected'] })
  >();

  let fileInput: HTMLInputElement | undefined;
  let polling: ReturnType<typeof setInterval> | undefined;
  const stopPolling = () => {
    if (polling !== undefined) clearInterval(polling);
    polling = undefined;
  };
  onCleanup(stopPolling);

  // A plain signal, not a resource: the wizard must not suspend while they load. Without them
  // (a failed read) it still imports the built-in fields.
  const [customFields, setCustomFields] = createSignal<CustomFieldDefinition[]>([]);
  void unwrap(api.GET('/v1/custom-fields'))
    .then((answer) => {
      const definitions = importableCustomFields(answer.items);
      setCustomFields(definitions);
      // A file read before they came still gets its guesses, without undoing a choice made.
      const read = preview();
      if (!read || kind() !== 'customers') return;
      for (const [field, column] of Object.entries(guessCustomFieldMapping(definitions, read.columns))) {
        if (mapping[field] === undefined) setMapping(field, column);
      }
    })
    .catch(() => setCustomFields([]));

  const tenantCurrency = () => session()?.tenant.settings.defaultCurrency ?? 'CNY';
  const fields = () => Object.keys(importFields[kind()]);
  const missing = () => missingRequired(kind(), mapping);

  const readPreview = () => {
    const loaded = file();
    if (!loaded) return;
    const read = previewCsv(loaded.text, layout());
    if (read.columns.length === 0 || read.columns.every((column) => column === '')) {
      setFileError(t('file.noHeader'));
      setPreview(undefined);
      return;
    }
    setPreview(read);
    setMapping({
      ...guessMapping(kind(), read.columns),
      ...(kind() === 'customers' ? guessCustomFieldMapping(customFields(), read.columns) : {}),
    });
  };

  const chooseFile = async (chosen: File | undefined) => {
    setFileError(undefined);
    setRequestError(undefined);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) return setFileError(t('file.tooLarge'));
    if (chosen.size === 0) return setFileError(t('file.empty'));
    try {
      const text = await chosen.text();
      setFile({ name: chosen.name, size: chosen.size, text });
      readPreview();
      if (preview()) setStep('map');
    } catch (error) {
      setFileError(t('file.unreadable', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  const query = (asDryRun: boolean) => ({
    kind: kind(),
    layout: layout(),
    dryRun: asDryRun ? ('true' as const) : ('false' as const),
    mapping: mappingParameter(kind(), mapping),
    ...(kind() === 'transactions'
      ? {
          createMissingCustomers: createMissing() ? ('true' as const) : ('false' as const),
          ...(currency() ? { currency: currency() } : {}),
        }
      : {}),
  });

  const send = (asDryRun: boolean) =>
    unwrap(
      api.POST('/v1/imports', {
        params: { query: query(asDryRun) },
        body: file()?.text ?? '',
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'text/csv' },
      }),
    );

  const messageOf = (error: unknown) => {
    if (error instanceof ApiError) {
      const fieldText = error.fields.map((field) => `${field.path}: ${issueText(field)}`).join('; ');
      // The summary already holds the API's English field messages; only other words are added.
      return fieldText && !error.message.includes(fieldText)
        ? `${error.message} (${fieldText})`
        : error.message;
    }
    return error instanceof Error ? error.message : String(error);
  };

  const check = async () => {
    setPending(true);
    setRequestError(undefined);
    setStep('check');
    try {
      setDryRun(await send(true));
    } catch (error) {
      setRequestError(messageOf(error));
    } finally {
      setPending(false);
    }
  };

  /** Follows one job until it finishes (AWS answers 202 and imports in the background). */
  const follow = (importId: string) =>
    new Promise<void>((resolve) => {
      stopPolling();
      polling = setInterval(async () => {
        try {
          const job = await unwrap(api.GET('/v1/imports/{importId}', { params: { path: { importId } } }));
          setProgress(job);
          if (job.status === 'completed' || job.status === 'failed') {
            stopPolling();
            setResult(job);
            resolve();
          }
        } catch (error) {
          stopPolling();
          setRequestError(messageOf(error));
          resolve();
        }
      }, POLL_MS);
    });

  const run = async () => {
    setPending(true);
    setRequestError(undefined);
    setProgress(undefined);
    setStep('run');
    // The local runtime imports within the request; meanwhile the tenant's one running import
    // (imports take a per-tenant lock) shows its progress in the list.
    stopPolling();
    polling = setInterval(async () => {
      const { data } = await api.GET('/v1/imports');
      const running = data?.items.find((job) => job.status === 'running' || job.status === 'queued');
      if (running && polling !== undefined) setProgress(running);
    }, POLL_MS);
    try {
      const report = await send(false);
      stopPolling();
      if (report.status === 'queued' || report.status === 'running') {
        setProgress(report);
        await follow(report.id);
      } else {
        setResult(report);
      }
      setStep('done');
      props.onImported();
    } catch (error) {
      stopPolling();
      const failed = error instanceof ApiError ? (error.details.job as ImportJob | undefined) : undefined;
      if (failed) {
        setResult({ ...failed, rejected: [] });
        setStep('done');
        props.onImported();
      } else {
        setRequestError(messageOf(error));
      }
    } finally {
      setPending(false);
    }
  };

  const restart = () => {
    stopPolling();
    setFile(undefined);
    setPreview(undefined);
    setDryRun(undefined);
    setProgress(undefined);
    setResult(undefined);
    setRequestError(undefined);
    setFileError(undefined);
    if (fileInput) fileInput.value = '';
    setStep('file');
  };

  const stepIndex = () => {
    const current = step();
    return current === 'done' ? STEPS.length : STEPS.findIndex(([id]) => id === current);
  };

  const exampleOf = (column: string) => {
    const read = preview();
    if (!read || !column) return '';
    const index = read.columns.indexOf(column);
    return read.sample
      .map((row) => row[index] ?? '')
      .filter(Boolean)
      .slice(0, 2)
      .join(' · ');
  };

  const fieldLabel = (field: string) => t(`field.${field}` as Parameters<typeof t>[0]);

  return (
    <Card class="import-wizard" title={t('wizard.title')}>
      <ol class="steps" aria-label={t('wizard.steps')}>
        <For each={STEPS}>
          {([, label], index) => (
            <li
              class="steps__item"
              classList={{
                'steps__item--done': index() < stepIndex(),
                'steps__item--current': index() === stepIndex(),
              }}
              aria-current={index() === stepIndex() ? 'step' : undefined}
            >
              <span class="steps__number" aria-hidden="true">
                {index() + 1}
              </span>
              {t(label)}
            </li>
          )}
        </For>
      </ol>

      <Switch>
        <Match when={step() === 'file'}>
          <div class="import-wizard__options">
            <RadioGroup class="radio-group" value={kind()} onChange={(value) => setKind(value as ImportKind)}>
              <RadioGroup.Label class="radio-group__label">{t('kind.label')}</RadioGroup.Label>
              <For each={['customers', 'transactions'] as const}>
                {(value) => (
                  <RadioGroup.Item value={value} class="radio">
                    <RadioGroup.ItemInput class="radio__input" />
                    <RadioGroup.ItemControl class="radio__control">
                      <RadioGroup.ItemIndicator class="radio__indicator" />
                    </RadioGroup.ItemControl>
                    <div>
                      <RadioGroup.ItemLabel class="radio__label">{t(`kind.${value}`)}</RadioGroup.ItemLabel>
                      <RadioGroup.ItemDescription class="field__description">
                        {t(`kind.${value}.hint`)}
                      </RadioGroup.ItemDescription>
                    </div>
                  </RadioGroup.Item>
                )}
              </For>
            </RadioGroup>
            <div class="field">
              <label class="field__label" for="import-layout">
                {t('layout.label')}
              </label>
              <select
                id="import-layout"
                class="field__input"
                value={layout()}
                onChange={(event) => setLayout(event.currentTarget.value as ImportLayout)}
              >
                <option value="csv">{t('layout.csv')}</option>
                <option value="cdnow">{t('layout.cdnow')}</option>
              </select>
            </div>
          </div>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is a mouse shortcut; the labelled file input inside it is the keyboard path. */}
          <div
            class="dropzone"
            classList={{ 'dropzone--active': dragging() }}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(false);
              void chooseFile(event.dataTransfer?.files[0]);
            }}
          >
            <p class="dropzone__title">{t('file.drop')}</p>
            <p class="muted">{t('file.or')}</p>
            <label class="button button--secondary dropzone__choose">
              {t('file.choose')}
              <input
                ref={fileInput}
                class="visually-hidden"
                type="file"
                name="file"
                aria-label={t('file.input')}
                accept=".csv,.txt,text/csv,text/plain"
                onChange={(event) => void chooseFile(event.currentTarget.files?.[0])}
              />
            </label>
            <p class="field__description">{t('file.hint')}</p>
          </div>
          <Show when={fileError()}>
            <p class="form__error" role="alert">
              {fileError()}
            </p>
          </Show>
        </Match>

        <Match when={step() === 'map'}>
          <p class="muted">
            {t('file.selected', {
              name: file()?.name ?? '',
              size: format.number((file()?.size ?? 0) / 1024, {
                style: 'unit',
                unit: 'kilobyte',
                maximumFractionDigits: 1,
              }),
            })}
          </p>
          <p>{t('map.intro')}</p>
          <div class="mapping-table__scroll">
            <table class="table mapping-table" ref={stackRowsWhenNarrow}>
              <thead>
                <tr>
                  <th scope="col">{t('map.field')}</th>
                  <th scope="col">{t('map.column')}</th>
                  <th scope="col">{t('map.example')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={fields()}>
                  {(field) => (
                    <tr>
                      <th scope="row">
                        <label for={`map-${field}`}>{fieldLabel(field)}</label>
                        <Show when={requiredFields[kind()].includes(field)}>
                          <span class="badge">{t('map.required')}</span>
                        </Show>
                      </th>
                      <td>
                        <select
                          id={`map-${field}`}
                          class="field__input"
                          value={mapping[field] ?? ''}
                          aria-invalid={missing().includes(field) ? 'true' : undefined}
                          onChange={(event) => setMapping(field, event.currentTarget.value)}
                        >
                          <option value="">{t('map.none')}</option>
                          <For each={preview()?.columns ?? []}>
                            {(column) => <option value={column}>{column}</option>}
                          </For>
                        </select>
                      </td>
                      <td class="mapping-table__example">{exampleOf(mapping[field] ?? '')}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <Show when={kind() === 'customers'}>
            <Show
              when={customFields().length > 0}
              fallback={<p class="field__description">{t('map.customFieldsNone')}</p>}
            >
              <CustomFieldMapping
                definitions={customFields()}
                columns={preview()?.columns ?? []}
                mapping={mapping}
                tenantCurrency={tenantCurrency()}
                exampleOf={exampleOf}
                onChange={(field, column) => setMapping(field, column)}
              />
            </Show>
          </Show>
          <Show when={kind() === 'transactions'}>
            <div class="import-wizard__options">
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={createMissing()}
                  onChange={(event) => setCreateMissing(event.currentTarget.checked)}
                />
                {t('map.createMissing')}
              </label>
              <div class="field">
                <label class="field__label" for="import-currency">
                  {t('map.currency')}
                </label>
                <select
                  id="import-currency"
                  class="field__input"
                  value={currency()}
                  onChange={(event) => setCurrency(event.currentTarget.value)}
                >
                  <option value="">{t('map.currencyDefault', { currency: tenantCurrency() })}</option>
                  <For each={CURRENCIES}>{(code) => <option value={code}>{code}</option>}</For>
                </select>
              </div>
            </div>
          </Show>
          <Show when={missing().length > 0}>
            <p class="form__error" role="alert">
              {t('map.missing', { fields: missing().map(fieldLabel).join(', ') })}
            </p>
          </Show>
          <Actions>
            <Button variant="secondary" onClick={restart}>
              {t('file.change')}
            </Button>
            <Button disabled={missing().length > 0} onClick={check}>
              {t('check.button')}
            </Button>
          </Actions>
        </Match>

        <Match when={step() === 'check'}>
          <Show when={!pending()} fallback={<Busy label={t('check.running')} />}>
            <Show when={dryRun()}>
              {(report) => (
                <div class="import-wizard__report">
                  <p class={report().rowsRejected > 0 ? 'callout callout--warning' : 'callout'} role="status">
                    <span class="callout__title">
                      {report().rowsRejected > 0
                        ? t('check.someRejected', {
                            rejected: format.number(report().rowsRejected),
                            rows: format.number(report().rowsRead),
                          })
                        : t('check.ok', { rows: format.number(report().rowsRead) })}
                    </span>
                    <span class="callout__body">{t('check.nothing')}</span>
                  </p>
                  <RejectionsTable
                    rejections={report().rejected}
                    total={report().rowsRejected}
                    file={{ name: file()?.name ?? 'import.csv', text: file()?.text ?? '', layout: layout() }}
                  />
                </div>
              )}
            </Show>
          </Show>
          <Actions>
            <Button variant="secondary" disabled={pending()} onClick={() => setStep('map')}>
              {t('back')}
            </Button>
            <Show when={dryRun()}>
              {(report) => (
                <Button disabled={pending() || report().rowsRead === report().rowsRejected} onClick={run}>
                  {report().rowsRejected > 0
                    ? t('run.buttonSkip')
                    : t('run.button', { rows: format.number(report().rowsRead) })}
                </Button>
              )}
            </Show>
          </Actions>
        </Match>

        <Match when={step() === 'run'}>
          <ImportProgress job={progress()} total={dryRun()?.rowsRead ?? 0} />
        </Match>

        <Match when={step() === 'done'}>
          <Show when={result()}>
            {(finished) => (
              <div class="import-wizard__report">
                <Show
                  when={finished().status === 'completed'}
                  fallback={
                    <div class="callout callout--danger" role="alert">
                      <span class="callout__title">{t('result.failed')}</span>
                      <span class="callout__body">{finished().error}</span>
                    </div>
                  }
                >
                  <div role="status">
                    <h3 class="section-title">{t('result.title')}</h3>
                  </div>
                </Show>
                <ImportCounts job={finished()} />
                <RejectionsTable
                  rejections={finished().rejected}
                  total={finished().rowsRejected}
                  file={{ name: file()?.name ?? 'import.csv', text: file()?.text ?? '', layout: layout() }}
                />
                <Actions>
                  <Button variant="secondary" onClick={restart}>
                    {t('again')}
                  </Button>
                  <A class="button button--primary" href="/customers">
                    {t('result.customersLink')}
                  </A>
                </Actions>
              </div>
            )}
          </Show>
        </Match>
      </Switch>

      <Show when={requestError()}>
        <p class="form__error" role="alert">
          {requestError()}
        </p>
      </Show>
    </Card>
  );
}

function Actions(props: { children: JSX.Element }) {
  return <div class="import-wizard__actions">{props.children}</div>;
}

function Busy(props: { label: string }) {
  return (
    <div class="state state--loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label}</span>
    </div>
  );
}

/** The live bar while the import runs: rows read against the dry run's count, written and rejected. */
function ImportProgress(props: { job: ImportJob | undefined; total: number }) {
  const t = useMessages(importsMessages);
  const format = useFormat();
  const read = () => props.job?.rowsRead ?? 0;
  const total = () => Math.max(props.total, read(), 1);
  return (
    <div class="import-progress">
      <p class="import-progress__label" id="import-progress-label">
        {props.job?.status === 'queued' ? t('run.queued') : t('run.running')}
      </p>
      <div
        class="progress"
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={total()}
        aria-valuenow={read()}
        aria-valuetext={`${format.number(read())} / ${format.number(total())}`}
      >
        <div class="progress__bar" style={{ width: `${Math.min(100, (read() / total()) * 100)}%` }} />
      </div>
      <dl class="import-progress__counts" aria-live="polite">
        <div>
          <dt>{t('counts.read')}</dt>
          <dd>
            {format.number(read())} / {format.number(total())}
          </dd>
        </div>
        <div>
          <dt>{t('counts.written')}</dt>
          <dd>{format.number(props.job?.rowsWritten ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('counts.rejected')}</dt>
          <dd>{format.number(props.job?.rowsRejected ?? 0)}</dd>
        </div>
      </dl>
    </div>
  );
}
