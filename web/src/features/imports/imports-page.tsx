import { createResource, createSignal, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useApi, useAuth } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { ImportHistory } from './import-history.js';
import { ImportWizard } from './import-wizard.js';
import { importsMessages } from './messages.js';
import { saveTextFile } from './save-text-file.js';
import '../../lib/ui/admin-screen.css';
import './imports.css';

/** 数据迁移: the import wizard, the past imports, and the customers export. */
export function ImportsPage() {
  const t = useMessages(importsMessages);
  const api = useApi();
  const { session } = useAuth();
  const isAdmin = () => {
    const role = session()?.user.role;
    return role === 'owner' || role === 'admin';
  };
  const [imports, { refetch }] = createResource(isAdmin, () => unwrap(api.GET('/v1/imports')));
  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal<string>();

  // The export needs the bearer token, so it is fetched and handed to the browser as a file.
  const exportCustomers = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const csv = await unwrap(api.GET('/v1/customers/export', { parseAs: 'text' }));
      saveTextFile(`customers-${new Date().toISOString().slice(0, 10)}.csv`, csv);
    } catch (error) {
      setExportError(t('export.failed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page
      title={t('title')}
      term="数据迁移"
      description={t('description')}
      actions={
        <Button variant="secondary" disabled={exporting()} onClick={exportCustomers}>
          {t('export.button')}
        </Button>
      }
    >
      <div class="admin-screen">
        <Show when={exportError()}>
          <p class="form__error" role="alert">
            {exportError()}
          </p>
        </Show>
        <Show when={isAdmin()} fallback={<EmptyState title={t('adminOnly')} />}>
          <ImportWizard onImported={() => void refetch()} />
          <ImportHistory imports={imports} onRefresh={() => void refetch()} />
        </Show>
      </div>
    </Page>
  );
}
