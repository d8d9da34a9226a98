import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { serviceMessages } from '../service/messages.js';
import { serviceSlaMessages } from './service-sla-messages.js';
import { SlaPolicySection } from './sla-policy-section.js';

type ServiceSlaPolicy = components['schemas']['ServiceSlaPolicy'];

const STATUSES = ['received', 'planned', 'dispatched', 'in_progress', 'resolved'] as const;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
type Status = (typeof STATUSES)[number];
type Priority = (typeof PRIORITIES)[number];

/** 服务时限: hours per open status per priority, one row per status (the complaint SLAs' twin). */
export function ServiceSlaPolicySection(props: { readOnly?: boolean }) {
  const t = useMessages(serviceSlaMessages);
  const service = useMessages(serviceMessages);
  const api = useApi();
  return (
    <SlaPolicySection<ServiceSlaPolicy>
      readOnly={props.readOnly === true}
      title={t('title')}
      description={t('description')}
      load={() => unwrap(api.GET('/v1/service-requests/sla-policy'))}
      save={(policy, version) =>
        unwrap(api.PUT('/v1/service-requests/sla-policy', { body: { policy, version } }))
      }
      rows={STATUSES}
      columns={PRIORITIES}
      rowLabel={(status) => t(`row.${status as Status}`)}
      hoursLabel={(status, priority) =>
        t('hoursFor', {
          status: service(`status.${status as Status}`),
          priority: service(`priority.${priority as Priority}`),
        })
      }
      rowTestId="service-sla-row"
    />
  );
}
