import { For, Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { FormField } from '../../lib/ui/form-field.js';
import { complaintMessages } from './messages.js';

type Attachment = components['schemas']['ComplaintAttachment'];

/** One row of the editor: `key` stays with the row when others are removed. */
export type AttachmentRow = { key: number; url: string; label: string };

/** The API's limit on a complaint's attachments (ComplaintCreateSchema). */
export const maxAttachmentLinks = 20;

/** A row's problem found before sending: the field and the message key. */
export type AttachmentRowIssue = { key: number; field: 'url' | 'label'; message: 'badUrl' | 'urlMissing' };

/**
 * The attachments to send, from the rows the user filled (blank rows are left out), with the row
 * each one came from (so the API's `attachments.<i>.url` errors land beside the right row), or the
 * rows' problems: a link that is not http(s) (the API refuses it too) or a label without a link.
 *
 * @example
 * attachmentsOf([{ key: 1, url: 'https://x.test/a.jpg', label: '' }])
 * // { attachments: [{ url: 'https://x.test/a.jpg' }], rowKeys: [1], issues: [] }
 */
export function attachmentsOf(rows: readonly AttachmentRow[]): {
  attachments: Attachment[];
  rowKeys: number[];
  issues: AttachmentRowIssue[];
} {
  const attachments: Attachment[] = [];
  const rowKeys: number[] = [];
  const issues: AttachmentRowIssue[] = [];
  for (const row of rows) {
    const url = row.url.trim();
    const label = row.label.trim();
    if (!url) {
      if (label) issues.push({ key: row.key, field: 'url', message: 'urlMissing' });
      continue;
    }
    if (!isHttpUrl(url)) {
      issues.push({ key: row.key, field: 'url', message: 'badUrl' });
      continue;
    }
    attachments.push(label ? { url, label } : { url });
    rowKeys.push(row.key);
  }
  return { attachments, rowKeys, issues };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The complaint's attachment links (up to 20, as the API takes): a link and an optional label
 * per row, rows added and removed here, each row's error beside it.
 */
export function AttachmentLinksField(props: {
  rows: readonly AttachmentRow[];
  onChange: (rows: AttachmentRow[]) => void;
  /** The message for a row's field (the form's check or the API's), if any. */
  errorOf: (key: number, field: 'url' | 'label') => string | undefined;
  /** The next row's key (unique within the form). */
  newKey: () => number;
}) {
  const t = useMessages(complaintMessages);
  const change = (key: number, patch: Partial<AttachmentRow>) =>
    props.onChange(props.rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset class="field" data-testid="attachment-links">
      <legend class="field__label">{t('field.attachments')}</legend>
      <For each={props.rows}>
        {(row, index) => (
          <div class="attachment-link" data-attachment-row={row.key}>
            <FormField
              name={`attachments.${index()}.url`}
              label={t('field.attachment', { n: String(index() + 1) })}
              type="url"
              value={row.url}
              onChange={(url) => change(row.key, { url })}
              error={props.errorOf(row.key, 'url')}
            />
            <FormField
              name={`attachments.${index()}.label`}
              label={t('field.attachmentLabel', { n: String(index() + 1) })}
              value={row.label}
              onChange={(label) => change(row.key, { label })}
              error={props.errorOf(row.key, 'label')}
            />
            <Button
              variant="secondary"
              type="button"
              onClick={() => props.onChange(props.rows.filter((other) => other.key !== row.key))}
            >
              {t('attachments.remove', { n: String(index() + 1) })}
            </Button>
          </div>
        )}
      </For>
      <Show
        when={props.rows.length < maxAttachmentLinks}
        fallback={<p class="muted">{t('attachments.limit', { max: String(maxAttachmentLinks) })}</p>}
      >
        <Button
          variant="secondary"
          type="button"
          onClick={() => props.onChange([...props.rows, { key: props.newKey(), url: '', label: '' }])}
        >
          {t('attachments.add')}
        </Button>
      </Show>
    </fieldset>
  );
}
