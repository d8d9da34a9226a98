import { For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { FormField } from '../../lib/ui/form-field.js';
import { memberTierMessages } from './member-tier-messages.js';
import { MoneyInput, NumberInput } from './policy-inputs.js';
import { type PolicyEditor, PolicySection } from './policy-section.js';

type MemberTierPolicy = components['schemas']['MemberTierPolicy'];

/** 会员等级: the tiers (customer → member → advocate by default) and what reaching each takes. */
export function MemberTierPolicySection(props: { readOnly?: boolean }) {
  const t = useMessages(memberTierMessages);
  const api = useApi();
  return (
    <PolicySection<MemberTierPolicy>
      readOnly={props.readOnly === true}
      title={t('title')}
      description={t('description')}
      load={() => unwrap(api.GET('/v1/members/tier-policy'))}
      save={(policy, version) => unwrap(api.PUT('/v1/members/tier-policy', { body: { policy, version } }))}
    >
      {(editor) => <MemberTierFields editor={editor} />}
    </PolicySection>
  );
}

function MemberTierFields(props: { editor: PolicyEditor<MemberTierPolicy> }) {
  const t = useMessages(memberTierMessages);
  const draft = () => props.editor.draft;
  const { set, fieldError } = props.editor;
  return (
    <>
      <div class="policy__grid">
        <label class="field">
          <span class="field__label">{t('valueBasis')}</span>
          <select
            class="field__input"
            name="valueBasis"
            value={draft().valueBasis}
            onChange={(e) => set('valueBasis', e.currentTarget.value as MemberTierPolicy['valueBasis'])}
          >
            <option value="monetary">{t('valueBasis.monetary')}</option>
            <option value="clv">{t('valueBasis.clv')}</option>
          </select>
        </label>
        <NumberInput
          name="windowDays"
          label={t('windowDays')}
          value={draft().windowDays}
          onChange={(value) => set('windowDays', value)}
          error={fieldError('windowDays')}
        />
      </div>
      <For each={draft().tiers}>
        {(tier, index) => (
          <fieldset class="policy__group" data-testid="member-tier">
            <legend class="section-title">{t('tier', { number: index() + 1 })}</legend>
            <div class="policy__grid">
              <FormField
                name={`tiers.${index()}.key`}
                label={t('key')}
                value={tier.key}
                onChange={(value) => set('tiers', index(), 'key', value)}
                error={fieldError(`tiers.${index()}.key`)}
              />
              <FormField
                name={`tiers.${index()}.name.en`}
                label={t('nameEn')}
                value={tier.name.en}
                onChange={(value) => set('tiers', index(), 'name', 'en', value)}
                error={fieldError(`tiers.${index()}.name.en`)}
              />
              <FormField
                name={`tiers.${index()}.name.zh`}
                label={t('nameZh')}
                value={tier.name.zh}
                onChange={(value) => set('tiers', index(), 'name', 'zh', value)}
                error={fieldError(`tiers.${index()}.name.zh`)}
              />
              <MoneyInput
                name={`tiers.${index()}.minValue`}
                label={t('minValue')}
                value={tier.minValue}
                onChange={(value) => set('tiers', index(), 'minValue', value)}
                error={fieldError(`tiers.${index()}.minValue`)}
                invalidMessage={t('invalidAmount')}
              />
              <NumberInput
                name={`tiers.${index()}.minOrders`}
                label={t('minOrders')}
                value={tier.minOrders}
                onChange={(value) => set('tiers', index(), 'minOrders', value)}
                error={fieldError(`tiers.${index()}.minOrders`)}
              />
            </div>
            <Button
              variant="ghost"
              type="button"
              disabled={draft().tiers.length <= 2 || index() === 0}
              onClick={() => set('tiers', (tiers) => tiers.filter((_, at) => at !== index()))}
            >
              {t('remove', { number: index() + 1 })}
            </Button>
          </fieldset>
        )}
      </For>
      <Button
        variant="secondary"
        type="button"
        disabled={draft().tiers.length >= 10}
        onClick={() => {
          const last = draft().tiers.at(-1);
          set('tiers', (tiers) => [
            ...tiers,
            {
              key: `tier_${tiers.length + 1}`,
              name: { en: `Tier ${tiers.length + 1}`, zh: `等级 ${tiers.length + 1}` },
              minValue: last?.minValue ?? 0,
              minOrders: last?.minOrders ?? 0,
            },
          ]);
        }}
      >
        {t('add')}
      </Button>
    </>
  );
}
