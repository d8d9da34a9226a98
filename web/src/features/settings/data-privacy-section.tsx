import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useFieldErrors } from '../../lib/api/field-issue-text.js';
import type { components } from '../../lib/api/schema.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { FormField } from '../../lib/ui/form-field.js';
import { Card } from '../../lib/ui/page.js';
import { AdminDialog } from './admin-dialog.js';
import { dataPrivacyMessages } from './data-privacy-messages.js';

type TenantExport = components['schemas']['TenantExport'];

/** How often a running export is read again. */
const POLL_MS = 1_000;

/**
 * 数据与隐私 (owner only): export every record of the tenant and download it once, or delete the
 * tenant for good with its name typed and the owner's password (re-authentication).
 */
export function DataPrivacySection(props: { tenantName: string; pollMs?: number }) {
  return (
    <>
      <ExportCard pollMs={props.pollMs ?? POLL_MS} />
      <DeleteCard tenantName={props.tenantName} />
    </>
  );
}

function ExportCard(props: { pollMs: number }) {
  const t = useMessages(dataPrivacyMessages);
  const api = useApi();
  const format = useFormat();
  const [error, setError] = createSignal<string>();
  // The newest export of the last week, if any: what the card shows.
  const [current, { mutate }] = createResource(async () => {
    const list = await unwrap(api.GET('/v1/tenant/exports'));
    return list.items[0];
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const follow = (exportId: string) => {
    timer = setTimeout(async () => {
      try {
        const next = await unwrap(
          api.GET('/v1/tenant/exports/{exportId}', { params: { path: { exportId } } }),
        );
        mutate(next);
        if (next.status === 'running') follow(exportId);
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    }, props.pollMs);
  };
  const start = async () => {
    setError(undefined);
    try {
      const started = await unwrap(api.POST('/v1/tenant/export'));
      mutate(started);
      follow(started.id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const download = async (record: TenantExport) => {
    setError(undefined);
    try {
      const link = await unwrap(
        api.POST('/v1/tenant/exports/{exportId}/download', { params: { path: { exportId: record.id } } }),
      );
      mutate({ ...record, status: 'downloaded' });
      // The link works once: the browser fetches it now, as a file.
      const anchor = document.createElement('a');
      anchor.href = link.url;
      anchor.download = link.fileName;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const running = () => current()?.status === 'running';
  return (
    <Card title={t('export.title')}>
      <p>{t('export.body')}</p>
      <Show when={current()}>
        {(record) => (
          <p role="status" class="data-privacy__status">
            <Show when={record().status === 'running'}>
              <progress
                max={record().familiesTotal}
                value={record().familiesDone}
                aria-label={t('export.running', { items: String(record().itemsDone) })}
              />{' '}
              {t('export.running', { items: format.number(record().itemsDone) })}
            </Show>
            <Show when={record().status === 'done'}>
              {t('export.done', {
                items: format.number(record().itemsDone),
                size: format.number(Math.ceil((record().bytes ?? 0) / 1024)),
                until: format.date(record().availableUntil ?? new Date(), true),
              })}
            </Show>
            <Show when={record().status === 'downloaded'}>{t('export.downloaded')}</Show>
            <Show when={record().status === 'failed'}>{t('export.failed')}</Show>
            <Show when={record().status === 'expired'}>{t('export.expired')}</Show>
          </p>
        )}
      </Show>
      <Show when={error()}>
        <p class="form__error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="form__actions">
        <Show when={current()?.status === 'done'}>
          <Button onClick={() => void download(current() as TenantExport)}>{t('export.download')}</Button>
        </Show>
        <Button variant="secondary" disabled={running()} onClick={() => void start()}>
          {t('export.start')}
        </Button>
      </div>
    </Card>
  );
}

function DeleteCard(props: { tenantName: string }) {
  const fieldErrorsIn = useFieldErrors();
  const t = useMessages(dataPrivacyMessages);
  const api = useApi();
  const auth = useAuth();
  const [open, setOpen] = createSignal(false);
  const [confirmation, setConfirmation] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [fieldErrors, setFieldErrors] = createSignal<Readonly<Record<string, string>>>({});
  const close = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setPassword('');
      setError(undefined);
      setFieldErrors({});
    }
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setFieldErrors({});
    try {
      await unwrap(
        api.DELETE('/v1/tenant', { body: { confirmation: confirmation(), password: password() } }),
      );
      // The tenant is gone: every token of it is refused from now on.
      await auth.logout();
    } catch (caught) {
      setFieldErrors(fieldErrorsIn(caught));
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setPending(false);
    }
  };
  return (
    <Card title={t('delete.title')}>
      <div class="danger-zone">
        <p>{t('delete.body')}</p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          {t('delete.open')}
        </Button>
      </div>
      <AdminDialog
        open={open()}
        onOpenChange={close}
        title={t('delete.dialogTitle', { name: props.tenantName })}
        description={t('delete.dialogBody')}
      >
        <form class="form" onSubmit={(event) => void submit(event)}>
          <FormField
            name="confirmation"
            label={t('delete.confirmation')}
            description={props.tenantName}
            value={confirmation()}
            onChange={setConfirmation}
            error={fieldErrors().confirmation}
            required
          />
          <FormField
            name="password"
            type="password"
            autocomplete="current-password"
            label={t('delete.password')}
            value={password()}
            onChange={setPassword}
            error={fieldErrors().password}
            required
          />
          <Show when={error() && Object.keys(fieldErrors()).length === 0}>
            <p class="form__error" role="alert">
              {error()}
            </p>
          </Show>
          <div class="dialog__actions dialog__actions--spaced">
            <Button variant="secondary" onClick={() => close(false)}>
              {t('delete.cancel')}
            </Button>
            <Button
              type="submit"
              variant="danger"
              disabled={pending() || confirmation().trim() === '' || password() === ''}
            >
              {t('delete.confirm')}
            </Button>
          </div>
        </form>
      </AdminDialog>
    </Card>
  );
}
