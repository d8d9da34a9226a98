import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { useApi } from '../../../lib/auth/auth-context.js';
import { useMessages } from '../../../lib/i18n/i18n-context.js';
import { Button } from '../../../lib/ui/button.js';
import { FormField } from '../../../lib/ui/form-field.js';
import { customersListMessages } from '../list-messages.js';
import { addTag, archiveCustomer, type BulkSummary, runBulk } from './bulk-actions.js';
import type { Customer, ListedCustomer } from './customer-figures.js';
import { ListDialog } from './list-dialog.js';

type Action = 'tag' | 'archive';

/**
 * The selection's actions: add a tag, archive. The API has per-customer endpoints only, so each
 * runs over the selection a few at a time and ends with a summary of what happened to whom.
 */
export function BulkBar(props: {
  selected: readonly ListedCustomer[];
  onClear: () => void;
  /** Called with the customers as the action left them. */
  onApplied: (action: Action, changed: Customer[]) => void;
  /** The user closed the result summary: the action is over. */
  onFinished: () => void;
}) {
  const t = useMessages(customersListMessages);
  const api = useApi();
  const [action, setAction] = createSignal<Action>();
  const [tag, setTag] = createSignal('');
  const [tagError, setTagError] = createSignal<string>();
  const [running, setRunning] = createSignal(false);
  const [progress, setProgress] = createSignal(0);
  const [summary, setSummary] = createSignal<BulkSummary>();
  const count = () => props.selected.length;

  const close = () => {
    if (running()) return;
    const finished = summary() !== undefined;
    setAction(undefined);
    setSummary(undefined);
    setTagError(undefined);
    setTag('');
    if (finished) props.onFinished();
  };

  const run = async () => {
    const current = action();
    if (!current) return;
    const trimmed = tag().trim();
    if (current === 'tag' && (trimmed.length < 1 || trimmed.length > 40)) {
      setTagError(t('bulk.tagRequired'));
      return;
    }
    setTagError(undefined);
    setRunning(true);
    setProgress(0);
    const customers = [...props.selected];
    try {
      const result = await runBulk(
        customers,
        (customer) => (current === 'tag' ? addTag(api, customer, trimmed) : archiveCustomer(api, customer)),
        setProgress,
      );
      const changed = result.outcomes.flatMap((outcome) =>
        outcome.status === 'done' && outcome.result.changed && outcome.result.customer
          ? [outcome.result.customer]
          : [],
      );
      props.onApplied(current, changed);
      setSummary(result);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section class="bulk-bar" aria-label={t('bulk.selected', { count: count() })}>
      <span class="bulk-bar__count" aria-live="polite">
        {t('bulk.selected', { count: count() })}
      </span>
      <Button variant="secondary" onClick={() => setAction('tag')}>
        {t('bulk.tag')}
      </Button>
      <Button variant="danger" onClick={() => setAction('archive')}>
        {t('bulk.archive')}
      </Button>
      <Button variant="ghost" onClick={() => props.onClear()}>
        {t('bulk.clear')}
      </Button>

      <ListDialog
        open={action() !== undefined}
        onClose={close}
        title={
          summary()
            ? t('bulk.summaryTitle')
            : action() === 'tag'
              ? t('bulk.tagTitle', { count: count() })
              : t('bulk.archiveTitle', { count: count() })
        }
        description={!summary() && action() === 'archive' ? t('bulk.archiveBody') : undefined}
        actions={
          <Show when={!summary()} fallback={<Button onClick={close}>{t('bulk.close')}</Button>}>
            <Button variant="secondary" onClick={close} disabled={running()}>
              {t('bulk.cancel')}
            </Button>
            <Button
              variant={action() === 'archive' ? 'danger' : 'primary'}
              onClick={() => void run()}
              disabled={running()}
            >
              {action() === 'archive' ? t('bulk.archive') : t('bulk.run')}
            </Button>
          </Show>
        }
      >
        <Switch>
          <Match when={summary()}>
            {(result) => (
              <div role="status">
                <p>
                  {t('bulk.summary', {
                    done: result().done,
                    skipped: result().skipped,
                    failed: result().failed.length,
                  })}
                </p>
                <Show when={result().failed.length > 0}>
                  <ul class="bulk-bar__failures">
                    <For each={result().failed}>{(failure) => <li>{t('bulk.failedItem', failure)}</li>}</For>
                  </ul>
                </Show>
              </div>
            )}
          </Match>
          <Match when={running()}>
            <p role="status">
              <progress
                max={count()}
                value={progress()}
                aria-label={t('bulk.progress', { done: progress(), count: count() })}
              />{' '}
              {t('bulk.progress', { done: progress(), count: count() })}
            </p>
          </Match>
          <Match when={action() === 'tag'}>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void run();
              }}
            >
              <FormField
                name="bulkTag"
                label={t('bulk.tagName')}
                value={tag()}
                onChange={setTag}
                error={tagError()}
                autofocus
              />
            </form>
          </Match>
        </Switch>
      </ListDialog>
    </section>
  );
}
