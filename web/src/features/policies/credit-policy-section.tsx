import { For, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { FormField } from '../../lib/ui/form-field.js';
import { CreditPolicyPreview } from './credit-policy-preview.js';
import { policiesMessages } from './messages.js';
import { CheckboxInput, MoneyInput, NumberInput } from './policy-inputs.js';
import { type PolicyEditor, PolicySection } from './policy-section.js';

type CreditPolicy = components['schemas']['CreditPolicyInput'];

const FACTORS = ['paymentHistory', 'daysOverdue', 'utilisation', 'tenure', 'value', 'rating'] as const;

/** 信用政策: the score's weights, the grade bands, the maturity margin, blocking rules, approvals. */
export function CreditPolicySection(props: { readOnly?: boolean }) {
  const t = useMessages(policiesMessages);
  const api = useApi();
  return (
    <PolicySection<CreditPolicy>
      readOnly={props.readOnly === true}
      title={t('credit.title')}
      description={t('credit.description')}
      load={() => unwrap(api.GET('/v1/credit/policy'))}
      save={(policy, version) => unwrap(api.PUT('/v1/credit/policy', { body: { policy, version } }))}
      beforeSave={(draft) => <CreditPolicyPreview draft={draft} />}
    >
      {(editor) => <CreditPolicyFields editor={editor} />}
    </PolicySection>
  );
}

function CreditPolicyFields(props: { editor: PolicyEditor<CreditPolicy> }) {
  const t = useMessages(policiesMessages);
  const draft = () => props.editor.draft;
  const set = props.editor.set;
  const error = props.editor.fieldError;
  return (
    <>
      <fieldset class="policy__group">
        <legend class="section-title">{t('credit.weights')}</legend>
        <p class="field__description">{t('credit.weightsHint')}</p>
        <div class="policy__grid">
          <For each={FACTORS}>
            {(factor) => (
              <NumberInput
                name={`weights.${factor}`}
                label={t(`credit.factor.${factor}`)}
                value={draft().weights[factor]}
                onChange={(value) => set('weights', factor, value)}
                error={error(`weights.${factor}`)}
              />
            )}
          </For>
        </div>
        <Show when={error('weights')}>
          {(message) => (
            <p class="field__error" role="alert">
              {message()}
            </p>
          )}
        </Show>
      </fieldset>

      <fieldset class="policy__group">
        <legend class="section-title">{t('credit.grades')}</legend>
        <p class="field__description">{t('credit.gradesHint')}</p>
        <For each={draft().grades}>
          {(band, index) => (
            <fieldset class="policy__band">
              <legend class="visually-hidden">{t('credit.band', { n: index() + 1 })}</legend>
              <FormField
                name={`grades.${index()}.grade`}
                label={t('credit.grade')}
                value={band.grade}
                onChange={(value) => set('grades', index(), 'grade', value)}
                error={error(`grades.${index()}.grade`)}
              />
              <NumberInput
                name={`grades.${index()}.minScore`}
                label={t('credit.minScore')}
                value={band.minScore}
                onChange={(value) => set('grades', index(), 'minScore', value)}
                error={error(`grades.${index()}.minScore`)}
              />
              <MoneyInput
                name={`grades.${index()}.limit`}
                label={t('credit.limit')}
                value={band.limit}
                onChange={(value) => set('grades', index(), 'limit', value)}
                error={error(`grades.${index()}.limit`)}
                invalidMessage={t('money.invalid')}
              />
              <NumberInput
                name={`grades.${index()}.termDays`}
                label={t('credit.termDays')}
                value={band.termDays}
                onChange={(value) => set('grades', index(), 'termDays', value)}
                error={error(`grades.${index()}.termDays`)}
              />
              <Button
                variant="ghost"
                aria-label={t('credit.removeBand', { grade: band.grade })}
                disabled={draft().grades.length <= 1}
                onClick={() => set('grades', (bands) => bands.filter((_, at) => at !== index()))}
              >
                {t('credit.remove')}
              </Button>
            </fieldset>
          )}
        </For>
        <Button
          variant="secondary"
          disabled={draft().grades.length >= 12}
          onClick={() =>
            // A new lowest band: it must start at 0, so the one above it needs a higher minScore.
            set('grades', (bands) => [...bands, { grade: '', minScore: 0, limit: 0, termDays: 0 }])
          }
        >
          {t('credit.addBand')}
        </Button>
      </fieldset>

      <fieldset class="policy__group">
        <legend class="section-title">{t('credit.blocking')}</legend>
        <div class="policy__grid">
          <NumberInput
            name="maturityMarginDays"
            label={t('credit.maturityMarginDays')}
            description={t('credit.maturityMarginHint')}
            value={draft().maturityMarginDays}
            onChange={(value) => set('maturityMarginDays', value)}
            error={error('maturityMarginDays')}
          />
          <MoneyInput
            name="blocking.overdueAmountAbove"
            label={t('credit.overdueAmountAbove')}
            value={draft().blocking.overdueAmountAbove}
            onChange={(value) => set('blocking', 'overdueAmountAbove', value)}
            onClear={() => set('blocking', 'overdueAmountAbove', null)}
            error={error('blocking.overdueAmountAbove')}
            invalidMessage={t('money.invalid')}
          />
          <NumberInput
            name="blocking.daysOverdueAbove"
            label={t('credit.daysOverdueAbove')}
            description={t('credit.emptyIsOff')}
            value={draft().blocking.daysOverdueAbove}
            onChange={(value) => set('blocking', 'daysOverdueAbove', value)}
            onClear={() => set('blocking', 'daysOverdueAbove', null)}
            error={error('blocking.daysOverdueAbove')}
          />
          <NumberInput
            name="blocking.watchUtilisation"
            label={t('credit.watchUtilisation')}
            description={t('credit.watchUtilisationHint')}
            value={draft().blocking.watchUtilisation}
            onChange={(value) => set('blocking', 'watchUtilisation', value)}
            error={error('blocking.watchUtilisation')}
          />
        </div>
        <CheckboxInput
          name="blocking.overLimit"
          label={t('credit.overLimit')}
          checked={draft().blocking.overLimit}
          onChange={(checked) => set('blocking', 'overLimit', checked)}
        />
      </fieldset>

      <fieldset class="policy__group">
        <legend class="section-title">{t('credit.approvals')}</legend>
        <CheckboxInput
          name="releaseNeedsApproval"
          label={t('credit.releaseNeedsApproval')}
          checked={draft().releaseNeedsApproval}
          onChange={(checked) => set('releaseNeedsApproval', checked)}
        />
        <CheckboxInput
          name="limitOverrideNeedsApproval"
          label={t('credit.limitOverrideNeedsApproval')}
          checked={draft().limitOverrideNeedsApproval}
          onChange={(checked) => set('limitOverrideNeedsApproval', checked)}
        />
        <div class="field">
          <label class="field__label" for="policy-receivable-from">
            {t('credit.receivableFrom')}
          </label>
          <select
            id="policy-receivable-from"
            class="field__input"
            name="receivableFrom"
            value={draft().receivableFrom}
            onChange={(event) =>
              set('receivableFrom', event.currentTarget.value as CreditPolicy['receivableFrom'])
            }
          >
            <option value="order">{t('credit.receivableFrom.order')}</option>
            <option value="invoice">{t('credit.receivableFrom.invoice')}</option>
          </select>
        </div>
      </fieldset>
    </>
  );
}
