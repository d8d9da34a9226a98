import { For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { policiesMessages } from './messages.js';
import { NumberInput } from './policy-inputs.js';
import { PolicySection } from './policy-section.js';

type ChurnPolicy = components['schemas']['ChurnPolicy'];

const FIELDS = [
  'atRiskGapRatio',
  'dormantGapRatio',
  'lostGapRatio',
  'atRiskBelowPAlive',
  'dormantBelowPAlive',
  'lostBelowPAlive',
  'defaultGapDays',
] as const;
// `reorderReminderLeadDays` is kept as read and not shown: the task policy's lead days decide (docs/tasks.md).

/** 客户流失: when a customer counts as at risk, dormant or lost, against their own buying rhythm. */
export function ChurnPolicySection(props: { readOnly?: boolean }) {
  const t = useMessages(policiesMessages);
  const api = useApi();
  return (
    <PolicySection<ChurnPolicy>
      readOnly={props.readOnly === true}
      title={t('churn.title')}
      description={t('churn.description')}
      load={() => unwrap(api.GET('/v1/churn/policy'))}
      save={(policy, version) => unwrap(api.PUT('/v1/churn/policy', { body: { policy, version } }))}
    >
      {(editor) => (
        <div class="policy__grid">
          <For each={FIELDS}>
            {(field) => (
              <NumberInput
                name={field}
                label={t(`churn.${field}`)}
                value={editor.draft[field]}
                onChange={(value) => editor.set(field, value)}
                error={editor.fieldError(field)}
              />
            )}
          </For>
        </div>
      )}
    </PolicySection>
  );
}
