import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { complaintMessages } from '../complaints/messages.js';
import { complaintSlaMessages } from './complaint-sla-messages.js';
import { NumberInput } from './policy-inputs.js';
import { SlaPolicySection } from './sla-policy-section.js';

type ComplaintSlaPolicy = components['schemas']['ComplaintSlaPolicy'];

const STEPS = [
  'recorded',
  'validated',
  'assigned',
  'analysed',
  'proposed',
  'approved',
  'carried_out',
] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
type Step = (typeof STEPS)[number];
type Severity = (typeof SEVERITIES)[number];

/** 投诉处理时限: hours per open step per severity, and the days to the service-recovery call. */
export function ComplaintSlaPolicySection(props: { readOnly?: boolean }) {
  const t = useMessages(complaintSlaMessages);
  const complaints = useMessages(complaintMessages);
  const api = useApi();
  return (
    <SlaPolicySection<ComplaintSlaPolicy>
      readOnly={props.readOnly === true}
      title={t('title')}
      description={t('description')}
      load={() => unwrap(api.GET('/v1/complaints/sla-policy'))}
      save={(policy, version) => unwrap(api.PUT('/v1/complaints/sla-policy', { body: { policy, version } }))}
      rows={STEPS}
      columns={SEVERITIES}
      rowLabel={(step) => t(`row.${step as Step}`)}
      hoursLabel={(step, severity) =>
        t('hoursFor', {
          step: complaints(`step.${step as Step}`),
          severity: complaints(`severity.${severity as Severity}`),
        })
      }
      rowTestId="complaint-sla-row"
      extra={(editor) => (
        <div class="policy__grid">
          <NumberInput
            name="followUpDays"
            label={t('followUpDays')}
            value={editor.draft.followUpDays}
            onChange={(value) => editor.set('followUpDays', value)}
            error={editor.fieldError('followUpDays')}
          />
        </div>
      )}
    />
  );
}
