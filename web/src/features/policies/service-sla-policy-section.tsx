import { For } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { serviceMessages } from '../service/messages.js';
import { NumberInput } from './policy-inputs.js';
import { PolicySection } from './policy-section.js';
import { serviceSlaMessages } from './service-sla-messages.js';

type ServiceSlaPolicy = components['schemas']['ServiceSlaPolicy'];

const STATUSES = ['received', 'planned', 'dispatched', 'in_progress', 'resolved'] as const;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

/** 服务时限: hours per open status per priority, one row per status (the complaint SLAs' twin). */
export function ServiceSlaPolicySection() {
  const t = useMessages(serviceSlaMessages);
  const service = useMessages(serviceMessages);
  const api = useApi();
  return (
    <PolicySection<ServiceSlaPolicy>
      title={t('title')}
      description={t('description')}
      load={() => unwrap(api.GET('/v1/service-requests/sla-policy'))}
      save={(policy, version) =>
        unwrap(api.PUT('/v1/service-requests/sla-policy', { body: { policy, version } }))
      }
    >
      {(editor) => (
        <For each={STATUSES}>
          {(status) => (
            <fieldset class="policy__group" data-testid="service-sla-row">
              <legend class="section-title">{t(`row.${status}`)}</legend>
              <div class="policy__grid">
                <For each={PRIORITIES}>
                  {(priority) => (
                    <NumberInput
                      name={`hours.${status}.${priority}`}
                      label={t('hoursFor', {
                        status: service(`status.${status}`),
                        priority: service(`priority.${priority}`),
                      })}
                      value={editor.draft.hours[status][priority]}
                      onChange={(value) => editor.set('hours', status, priority, value)}
                      error={editor.fieldError(`hours.${status}.${priority}`)}
                    />
                  )}
                </For>
              </div>
            </fieldset>
          )}
        </For>
      )}
    </PolicySection>
  );
}
