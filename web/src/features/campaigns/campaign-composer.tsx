import { createSignal, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import { useFieldErrors } from '../../lib/api/field-issue-text.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormActions } from '../../lib/ui/form-actions.js';
import { FormField } from '../../lib/ui/form-field.js';
import { createVersionedSave, VersionConflictDialog } from '../../lib/ui/version-conflict.js';
import { SegmentSelect } from '../segments/segment-select.js';
import { campaignsMessages } from './messages.js';
import { PreviewAddresses } from './preview-addresses.js';

type Campaign = components['schemas']['Campaign'];
type CampaignInput = components['schemas']['CampaignInput'];
type Preview = components['schemas']['CampaignPreview'];

/** The placeholders the API fills (campaign-template.ts); shown as help beside the templates. */
export const PLACEHOLDERS = [
  'name',
  'expectedNextPurchase',
  'clv',
  'lastOrderDate',
  'orderCount',
  'tenantName',
];

/**
 * Composes a campaign: channel, segment, templates in both languages, hold-out, a preview for one
 * customer. Given `campaign` (a draft), it edits that one at the version it was read (409 → the
 * newer version, to reapply or keep).
 */
export function CampaignComposer(props: {
  campaign?: Campaign;
  onSaved: (campaign: Campaign) => void;
  onCancel?: () => void;
}) {
  const fieldErrorsIn = useFieldErrors();
  const t = useMessages(campaignsMessages);
  const api = useApi();
  const form = createForm();
  const previewForm = createForm();
  const editing = props.campaign;
  const [name, setName] = createSignal(editing?.name ?? '');
  const [channel, setChannel] = createSignal<'email' | 'sms'>(editing?.channel ?? 'email');
  const [segmentId, setSegmentId] = createSignal(editing?.segmentId ?? '');
  const [subjectZh, setSubjectZh] = createSignal(editing?.subject?.zh ?? '');
  const [subjectEn, setSubjectEn] = createSignal(editing?.subject?.en ?? '');
  const [bodyZh, setBodyZh] = createSignal(editing?.body.zh ?? '');
  const [bodyEn, setBodyEn] = createSignal(editing?.body.en ?? '');
  const [locale, setLocale] = createSignal<'zh' | 'en'>(editing?.locale ?? 'zh');
  const [holdout, setHoldout] = createSignal(String(editing?.holdoutPercent ?? 0));
  const [conversionDays, setConversionDays] = createSignal(String(editing?.conversionDays ?? 30));
  const [requireConsent, setRequireConsent] = createSignal(editing?.requireConsent ?? false);
  const [previewCustomer, setPreviewCustomer] = createSignal('');
  const [preview, setPreview] = createSignal<Preview>();
  const texts = () => ({
    ...(channel() === 'email' ? { subject: { zh: subjectZh(), en: subjectEn() } } : {}),
    body: { zh: bodyZh(), en: bodyEn() },
  });
  const input = (): CampaignInput => ({
    name: name(),
    channel: channel(),
    segmentId: segmentId(),
    ...texts(),
    locale: locale(),
    holdoutPercent: Number(holdout()),
    conversionDays: Number(conversionDays()),
    requireConsent: requireConsent(),
  });
  const edit = createVersionedSave<Campaign, CampaignInput>({
    save: (change, version) =>
      unwrap(
        api.PATCH('/v1/campaigns/{campaignId}', {
          params: { path: { campaignId: editing?.id ?? '' } },
          // An SMS has no subject: null clears one an e-mail draft had.
          body: { ...change, ...(change.subject ? {} : { subject: null }), version },
        }),
      ),
    latest: () =>
      unwrap(api.GET('/v1/campaigns/{campaignId}', { params: { path: { campaignId: editing?.id ?? '' } } })),
  });
  const save = async () => {
    if (editing) {
      const changed = await edit.save(input(), editing.version);
      if (changed) props.onSaved(changed);
      return;
    }
    props.onSaved(await unwrap(api.POST('/v1/campaigns', { body: input() })));
  };
  const showPreview = async () => {
    setPreview(
      await unwrap(
        api.POST('/v1/campaigns/preview', {
          body: {
            customerId: previewCustomer().trim(),
            channel: channel(),
            locale: locale(),
            requireConsent: requireConsent(),
            ...texts(),
          },
        }),
      ),
    );
  };
  const error = (path: string) => form.fieldError(path) ?? fieldErrorsIn(previewForm.error())[path];
  const area = (
    id: string,
    label: string,
    value: () => string,
    set: (value: string) => void,
    path: string,
  ) => (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <textarea
        id={id}
        class="field__input campaign-composer__body"
        rows={4}
        value={value()}
        onInput={(event) => set(event.currentTarget.value)}
        aria-invalid={error(path) ? 'true' : undefined}
        aria-describedby={error(path) ? `${id}-error` : undefined}
      />
      <Show when={error(path)}>
        <p class="field__error" id={`${id}-error`}>
          {error(path)}
        </p>
      </Show>
    </div>
  );
  return (
    <form class="card form campaign-composer" onSubmit={form.submit(save)} data-testid="campaign-composer">
      <h2 class="card__title">{editing ? t('composer.editTitle') : t('composer.title')}</h2>
      <FormField
        name="name"
        label={t('composer.name')}
        value={name()}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <div class="field">
        <label class="field__label" for="campaign-channel">
          {t('composer.channel')}
        </label>
        <select
          id="campaign-channel"
          class="field__input"
          value={channel()}
          onChange={(event) => setChannel(event.currentTarget.value as 'email' | 'sms')}
        >
          <option value="email">{t('composer.channel.email')}</option>
          <option value="sms">{t('composer.channel.sms')}</option>
        </select>
      </div>
      <SegmentSelect
        id="campaign-segment"
        label={t('composer.segment')}
        noneLabel={t('composer.segmentNone')}
        value={segmentId()}
        onChange={setSegmentId}
        error={form.fieldError('segmentId')}
      />
      <p class="field__description" data-testid="placeholder-help">
        {t('composer.placeholders', {
          list: PLACEHOLDERS.map((placeholder) => `{{${placeholder}}}`).join(' '),
        })}
      </p>
      <Show when={channel() === 'email'}>
        <FormField
          name="subject.zh"
          label={t('composer.subjectZh')}
          value={subjectZh()}
          onChange={setSubjectZh}
          error={error('subject.zh') ?? form.fieldError('subject')}
        />
        <FormField
          name="subject.en"
          label={t('composer.subjectEn')}
          value={subjectEn()}
          onChange={setSubjectEn}
          error={error('subject.en')}
        />
      </Show>
      {area('campaign-body-zh', t('composer.bodyZh'), bodyZh, setBodyZh, 'body.zh')}
      {area('campaign-body-en', t('composer.bodyEn'), bodyEn, setBodyEn, 'body.en')}
      <div class="field">
        <label class="field__label" for="campaign-locale">
          {t('composer.language')}
        </label>
        <select
          id="campaign-locale"
          class="field__input"
          value={locale()}
          onChange={(event) => setLocale(event.currentTarget.value as 'zh' | 'en')}
        >
          <option value="zh">中文</option>
          <option value="en">English</option>
        </select>
      </div>
      <FormField
        name="holdoutPercent"
        type="number"
        label={t('composer.holdout')}
        value={holdout()}
        onChange={setHoldout}
        error={form.fieldError('holdoutPercent')}
      />
      <FormField
        name="conversionDays"
        type="number"
        label={t('composer.conversionDays')}
        value={conversionDays()}
        onChange={setConversionDays}
        error={form.fieldError('conversionDays')}
      />
      <label>
        <input
          type="checkbox"
          checked={requireConsent()}
          onChange={(event) => setRequireConsent(event.currentTarget.checked)}
        />{' '}
        {t('composer.requireConsent')}
      </label>
      <div class="campaign-composer__preview">
        <FormField
          name="previewCustomer"
          label={t('composer.previewFor')}
          value={previewCustomer()}
          onChange={setPreviewCustomer}
        />
        <Button
          variant="secondary"
          disabled={!previewCustomer().trim()}
          onClick={(event: MouseEvent) =>
            void previewForm.submit(showPreview)(event as unknown as SubmitEvent)
          }
        >
          {t('composer.preview')}
        </Button>
        <Show when={preview()}>
          {(shown) => (
            <div class="card campaign-preview" data-testid="campaign-preview">
              <PreviewAddresses addresses={shown().addresses} />
              <Show when={shown().subject}>
                <p>
                  <strong>{shown().subject}</strong>
                </p>
              </Show>
              <p class="campaign-preview__text">{shown().text}</p>
            </div>
          )}
        </Show>
      </div>
      <FormActions
        class="campaign-composer__actions"
        error={
          form.error() && !Object.keys(fieldErrorsIn(form.error())).length
            ? (form.error() as Error).message
            : undefined
        }
        cancelLabel={t('composer.cancel')}
        onCancel={props.onCancel}
        submitLabel={editing ? t('composer.saveChanges') : t('composer.save')}
        pending={form.pending()}
      />
      <VersionConflictDialog
        state={edit}
        describe={(latest) => (
          <p>
            <strong>{latest.name}</strong> · {t(`composer.channel.${latest.channel}`)}
          </p>
        )}
        onResolved={(resolved) => {
          if (resolved) props.onSaved(resolved);
        }}
      />
    </form>
  );
}
