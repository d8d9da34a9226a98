import { Dialog } from '@kobalte/core/dialog';
import { createResource, createSignal, For, Show } from 'solid-js';
import { unwrap } from '../../../lib/api/errors.js';
import type { components } from '../../../lib/api/schema.js';
import { useApi } from '../../../lib/auth/auth-context.js';
import { useFormat } from '../../../lib/format/use-format.js';
import { useLabelled, useMessages, useSharedMessages } from '../../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../../lib/ui/async-view.js';
import { Button } from '../../../lib/ui/button.js';
import { createForm } from '../../../lib/ui/create-form.js';
import { FormActions } from '../../../lib/ui/form-actions.js';
import { FormField } from '../../../lib/ui/form-field.js';
import { EmptyState } from '../../../lib/ui/states.js';
import { createVersionedSave, VersionConflictDialog } from '../../../lib/ui/version-conflict.js';
import { customer360Messages } from '../360-messages.js';
import { ChoiceField } from '../form/choice-field.js';

type Contact = components['schemas']['Contact'];
/** A person's own marketing consent for a channel: '' none (the customer's stands), yes, no. */
type ConsentChoice = '' | 'yes' | 'no';
type ContactDraft = {
  name: string;
  title: string;
  email: string;
  phone: string;
  birthday: string;
  primary: boolean;
  emailConsent: ConsentChoice;
  smsConsent: ConsentChoice;
};

const emptyDraft: ContactDraft = {
  name: '',
  title: '',
  email: '',
  phone: '',
  birthday: '',
  primary: false,
  emailConsent: '',
  smsConsent: '',
};

const choiceOf = (consent: boolean | undefined): ConsentChoice =>
  consent === undefined ? '' : consent ? 'yes' : 'no';
const consentOf = (choice: ConsentChoice) => (choice === '' ? null : choice === 'yes');

function draftOf(contact: Contact): ContactDraft {
  return {
    name: contact.name,
    title: contact.title ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    birthday: contact.birthday ?? '',
    primary: contact.primary,
    emailConsent: choiceOf(contact.emailConsent),
    smsConsent: choiceOf(contact.smsConsent),
  };
}

/** Only the fields the user changed, so reapplying after a 409 keeps everyone else's changes. */
export function changesOf(before: ContactDraft, after: ContactDraft): Partial<ContactDraft> {
  const changes: Partial<ContactDraft> = {};
  if (after.name.trim() !== before.name) changes.name = after.name;
  if (after.title.trim() !== before.title) changes.title = after.title;
  if (after.email.trim() !== before.email) changes.email = after.email;
  if (after.phone.trim() !== before.phone) changes.phone = after.phone;
  if (after.birthday !== before.birthday) changes.birthday = after.birthday;
  if (after.primary !== before.primary) changes.primary = after.primary;
  if (after.emailConsent !== before.emailConsent) changes.emailConsent = after.emailConsent;
  if (after.smsConsent !== before.smsConsent) changes.smsConsent = after.smsConsent;
  return changes;
}

/** A contact PATCH body: trimmed text, and empty text clears the field. */
function patchOf(changes: Partial<ContactDraft>) {
  const text = (value: string | undefined) => (value === undefined ? undefined : value.trim() || null);
  return {
    ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
    ...(changes.title !== undefined ? { title: text(changes.title) } : {}),
    ...(changes.email !== undefined ? { email: text(changes.email) } : {}),
    ...(changes.phone !== undefined ? { phone: text(changes.phone) } : {}),
    ...(changes.birthday !== undefined ? { birthday: text(changes.birthday) } : {}),
    ...(changes.primary !== undefined ? { primary: changes.primary } : {}),
    ...(changes.emailConsent !== undefined ? { emailConsent: consentOf(changes.emailConsent) } : {}),
    ...(changes.smsConsent !== undefined ? { smsConsent: consentOf(changes.smsConsent) } : {}),
  };
}

/** The customer's contacts (联系人): list, add, edit (versioned, 409 → newer version), remove. */
export function ContactsPanel(props: { customerId: string; archived: boolean }) {
  const t = useMessages(customer360Messages);
  const labelled = useLabelled();
  const api = useApi();
  const format = useFormat();
  const [contacts, { refetch }] = createResource(
    () => props.customerId,
    (customerId) =>
      unwrap(api.GET('/v1/customers/{customerId}/contacts', { params: { path: { customerId } } })),
  );
  const [editing, setEditing] = createSignal<Contact | 'new'>();
  const [removing, setRemoving] = createSignal<Contact>();

  // The contact whose save is in flight, for loading its newer version on a 409.
  let savingContactId = '';
  const contactPath = (contactId: string) => ({ path: { customerId: props.customerId, contactId } });
  const versionedSave = createVersionedSave<Contact, { contactId: string; changes: Partial<ContactDraft> }>({
    save: (change, version) =>
      unwrap(
        api.PATCH('/v1/customers/{customerId}/contacts/{contactId}', {
          params: contactPath(change.contactId),
          headers: { 'If-Match': `"${version}"` },
          body: patchOf(change.changes),
        }),
      ),
    latest: () =>
      unwrap(
        api.GET('/v1/customers/{customerId}/contacts/{contactId}', {
          params: contactPath(savingContactId),
        }),
      ),
  });

  const save = async (draft: ContactDraft) => {
    const target = editing();
    if (target === 'new') {
      await unwrap(
        api.POST('/v1/customers/{customerId}/contacts', {
          params: { path: { customerId: props.customerId } },
          body: {
            name: draft.name.trim(),
            ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
            ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
            ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
            ...(draft.birthday ? { birthday: draft.birthday } : {}),
            primary: draft.primary,
            ...(draft.emailConsent ? { emailConsent: draft.emailConsent === 'yes' } : {}),
            ...(draft.smsConsent ? { smsConsent: draft.smsConsent === 'yes' } : {}),
            roles: [],
            relations: [],
          },
        }),
      );
      setEditing(undefined);
      await refetch();
      return;
    }
    if (!target) return;
    savingContactId = target.id;
    const changes = changesOf(draftOf(target), draft);
    if (Object.keys(changes).length > 0) {
      await versionedSave.save({ contactId: target.id, changes }, target.version);
    }
    // Saved, or a 409 whose dialog now shows the newer version: either way this form is done.
    setEditing(undefined);
    await refetch();
  };

  const remove = async (contact: Contact) => {
    await unwrap(
      api.DELETE('/v1/customers/{customerId}/contacts/{contactId}', { params: contactPath(contact.id) }),
    );
    setRemoving(undefined);
    await refetch();
  };

  return (
    <div class="contacts">
      <Show when={!props.archived}>
        <div>
          <Button onClick={() => setEditing('new')}>{t('contacts.add')}</Button>
        </div>
      </Show>
      <AsyncView
        resource={contacts}
        onRetry={refetch}
        isEmpty={(page) => page.items.length === 0}
        empty={<EmptyState title={t('contacts.empty')}>{t('contacts.emptyHint')}</EmptyState>}
      >
        {(page) => (
          <ul class="contacts__list" aria-label={t('contacts.list')}>
            <For each={page.items}>
              {(contact) => (
                <li class="contact">
                  <div class="contact__main">
                    <div class="contact__name">
                      {contact.name}
                      <Show when={contact.primary}>
                        <span class="badge">{t('contacts.primary')}</span>
                      </Show>
                    </div>
                    <Show when={contact.title}>
                      <div class="muted">{contact.title}</div>
                    </Show>
                    <div class="contact__reach">
                      <Show when={contact.email}>
                        <a href={`mailto:${contact.email}`}>{contact.email}</a>
                      </Show>
                      <Show when={contact.phone}>
                        <a href={`tel:${contact.phone}`}>{contact.phone}</a>
                      </Show>
                    </div>
                    <ConsentLine contact={contact} />
                    <Show when={contact.birthday}>
                      {(birthday) => (
                        <div class="muted">{labelled(t('contacts.birthday'), format.date(birthday()))}</div>
                      )}
                    </Show>
                  </div>
                  <Show when={!props.archived}>
                    <div class="contact__actions">
                      <Button
                        variant="secondary"
                        aria-label={`${t('contacts.edit')}: ${contact.name}`}
                        onClick={() => setEditing(contact)}
                      >
                        {t('contacts.edit')}
                      </Button>
                      <Button
                        variant="ghost"
                        aria-label={`${t('contacts.remove')}: ${contact.name}`}
                        onClick={() => setRemoving(contact)}
                      >
                        {t('contacts.remove')}
                      </Button>
                    </div>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </AsyncView>

      <Show when={editing()} keyed>
        {(target) => (
          <ContactDialog
            title={target === 'new' ? t('contacts.add') : t('contacts.editTitle', { name: target.name })}
            initial={target === 'new' ? emptyDraft : draftOf(target)}
            onSave={save}
            onClose={() => setEditing(undefined)}
          />
        )}
      </Show>

      <VersionConflictDialog
        state={versionedSave}
        describe={(latest) => (
          <p>
            {latest.name}
            {latest.title ? ` · ${latest.title}` : ''}
            {latest.email ? ` · ${latest.email}` : ''}
            {latest.phone ? ` · ${latest.phone}` : ''}
          </p>
        )}
        onResolved={() => refetch()}
      />

      <Show when={removing()} keyed>
        {(contact) => (
          <ConfirmRemoveDialog
            name={contact.name}
            onConfirm={() => remove(contact)}
            onClose={() => setRemoving(undefined)}
          />
        )}
      </Show>
    </div>
  );
}

function ContactDialog(props: {
  title: string;
  initial: ContactDraft;
  onSave: (draft: ContactDraft) => Promise<void>;
  onClose: () => void;
}) {
  const t = useMessages(customer360Messages);
  const shared = useSharedMessages();
  const form = createForm();
  const [draft, setDraft] = createSignal<ContactDraft>({ ...props.initial });
  const set = (key: 'name' | 'title' | 'email' | 'phone' | 'birthday') => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog">
            <Dialog.Title class="dialog__title">{props.title}</Dialog.Title>
            <form class="form contact-form" onSubmit={form.submit(() => props.onSave(draft()))}>
              <FormField
                name="name"
                label={t('contacts.name')}
                value={draft().name}
                onChange={set('name')}
                error={form.fieldError('name')}
                required
                autofocus
              />
              <FormField
                name="title"
                label={t('contacts.title')}
                value={draft().title}
                onChange={set('title')}
                error={form.fieldError('title')}
              />
              <FormField
                name="email"
                type="email"
                label={t('contacts.email')}
                value={draft().email}
                onChange={set('email')}
                error={form.fieldError('email')}
              />
              <FormField
                name="phone"
                type="tel"
                label={t('contacts.phone')}
                value={draft().phone}
                onChange={set('phone')}
                error={form.fieldError('phone')}
              />
              <FormField
                name="birthday"
                type="date"
                label={t('contacts.birthday')}
                description={t('contacts.birthdayHint')}
                value={draft().birthday}
                onChange={set('birthday')}
                error={form.fieldError('birthday')}
              />
              <For each={['emailConsent', 'smsConsent'] as const}>
                {(key) => (
                  <ChoiceField
                    name={key}
                    label={t(`contacts.${key}`)}
                    value={draft()[key]}
                    onChange={(value) =>
                      setDraft((current) => ({ ...current, [key]: value as ConsentChoice }))
                    }
                    error={form.fieldError(key)}
                  >
                    <option value="">{t('contacts.consentInherit')}</option>
                    <option value="yes">{t('contacts.consentYes')}</option>
                    <option value="no">{t('contacts.consentNo')}</option>
                  </ChoiceField>
                )}
              </For>
              <label class="checkbox">
                <input
                  type="checkbox"
                  name="primary"
                  checked={draft().primary}
                  onChange={(event) => {
                    const checked = event.currentTarget.checked;
                    setDraft((current) => ({ ...current, primary: checked }));
                  }}
                />
                {t('contacts.primary')}
              </label>
              <FormActions
                error={form.formMessage('name')}
                cancelLabel={shared('form.cancel')}
                onCancel={props.onClose}
                submitLabel={t('contacts.save')}
                pending={form.pending()}
              />
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}

/** The person's own consent per channel, when given or refused, and an unsubscribe with its date. */
function ConsentLine(props: { contact: Contact }) {
  const t = useMessages(customer360Messages);
  const labelled = useLabelled();
  const format = useFormat();
  const parts = () =>
    (
      [
        ['email', props.contact.emailConsent, props.contact.emailUnsubscribedAt],
        ['sms', props.contact.smsConsent, props.contact.smsUnsubscribedAt],
      ] as const
    ).flatMap(([channel, consent, unsubscribedAt]) =>
      consent === undefined
        ? []
        : [
            labelled(
              t(`contacts.channel.${channel}`),
              consent
                ? t('contacts.consentYes')
                : unsubscribedAt
                  ? t('contacts.unsubscribedOn', { date: format.date(unsubscribedAt) })
                  : t('contacts.consentNo'),
            ),
          ],
    );
  return (
    <Show when={parts().length > 0}>
      <div class="muted" data-testid="contact-consent">
        {parts().join(' · ')}
      </div>
    </Show>
  );
}

function ConfirmRemoveDialog(props: { name: string; onConfirm: () => Promise<void>; onClose: () => void }) {
  const t = useMessages(customer360Messages);
  const shared = useSharedMessages();
  const form = createForm();
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog" role="alertdialog">
            <Dialog.Title class="dialog__title">
              {t('contacts.removeConfirm', { name: props.name })}
            </Dialog.Title>
            <Dialog.Description class="dialog__description">{t('contacts.removeBody')}</Dialog.Description>
            <form onSubmit={form.submit(props.onConfirm)}>
              <Show when={form.error() instanceof Error}>
                <p class="form__error" role="alert">
                  {(form.error() as Error).message}
                </p>
              </Show>
              <div class="dialog__actions">
                <Button variant="secondary" onClick={() => props.onClose()}>
                  {shared('form.cancel')}
                </Button>
                <Button type="submit" variant="danger" disabled={form.pending()}>
                  {t('contacts.remove')}
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
