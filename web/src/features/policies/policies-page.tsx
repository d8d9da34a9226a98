import { Tabs } from '@kobalte/core/tabs';
import { useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { EmptyState } from '../../lib/ui/states.js';
import { isAdminRole, useMe } from '../settings/use-me.js';
import { ChurnPolicySection } from './churn-policy-section.js';
import { complaintSlaMessages } from './complaint-sla-messages.js';
import { ComplaintSlaPolicySection } from './complaint-sla-policy-section.js';
import { CreditPolicySection } from './credit-policy-section.js';
import { memberTierMessages } from './member-tier-messages.js';
import { MemberTierPolicySection } from './member-tier-policy-section.js';
import { policiesMessages } from './messages.js';
import { serviceSlaMessages } from './service-sla-messages.js';
import { ServiceSlaPolicySection } from './service-sla-policy-section.js';
import { TaskPolicySection } from './task-policy-section.js';
import '../../lib/ui/admin-screen.css';
import '../settings/settings.css';
import './policies.css';

const SECTIONS = ['credit', 'churn', 'tasks', 'members', 'service', 'complaints'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * 策略设置: the credit policy, the churn thresholds, the care reminders, the member tiers, the
 * service SLAs and the complaint SLAs, one tab each. Owners and admins edit them; members read
 * them (every policy's GET serves all staff, only its PUT needs an admin); partners, whom those
 * GETs refuse, see neither.
 */
export function PoliciesPage() {
  const t = useMessages(policiesMessages);
  const tiers = useMessages(memberTierMessages);
  const serviceSla = useMessages(serviceSlaMessages);
  const complaintSla = useMessages(complaintSlaMessages);
  const me = useMe();
  const [params, setParams] = useSearchParams<{ tab?: string }>();
  // The open tab lives in the address, so a reload or a shared link opens the same policy.
  const current = (): Section => {
    const wanted = params.tab as Section | undefined;
    return wanted && SECTIONS.includes(wanted) ? wanted : 'credit';
  };
  return (
    <Page title={t('title')} term="信用政策" description={t('description')}>
      <div class="admin-screen">
        <AsyncView resource={me}>
          {(caller) => (
            <Show when={caller.role !== 'partner'} fallback={<EmptyState title={t('adminOnly')} />}>
              <Show when={!isAdminRole(caller.role)}>
                <p class="callout policy__read-only" role="note">
                  {t('adminOnly')}
                </p>
              </Show>
              <Tabs
                class="tabs"
                value={current()}
                onChange={(value) =>
                  setParams({ tab: value === 'credit' ? undefined : value }, { replace: true })
                }
              >
                <Tabs.List class="tabs__list" aria-label={t('sections')}>
                  <Tabs.Trigger class="tabs__trigger" value="credit">
                    {t('tab.credit')}
                  </Tabs.Trigger>
                  <Tabs.Trigger class="tabs__trigger" value="churn">
                    {t('tab.churn')}
                  </Tabs.Trigger>
                  <Tabs.Trigger class="tabs__trigger" value="tasks">
                    {t('tab.tasks')}
                  </Tabs.Trigger>
                  <Tabs.Trigger class="tabs__trigger" value="members">
                    {tiers('tab')}
                  </Tabs.Trigger>
                  <Tabs.Trigger class="tabs__trigger" value="service">
                    {serviceSla('tab')}
                  </Tabs.Trigger>
                  <Tabs.Trigger class="tabs__trigger" value="complaints">
                    {complaintSla('tab')}
                  </Tabs.Trigger>
                  <Tabs.Indicator class="tabs__indicator" />
                </Tabs.List>
                <Tabs.Content class="tabs__content" value="credit">
                  <CreditPolicySection readOnly={!isAdminRole(caller.role)} />
                </Tabs.Content>
                <Tabs.Content class="tabs__content" value="churn">
                  <ChurnPolicySection readOnly={!isAdminRole(caller.role)} />
                </Tabs.Content>
                <Tabs.Content class="tabs__content" value="tasks">
                  <TaskPolicySection readOnly={!isAdminRole(caller.role)} />
                </Tabs.Content>
                <Tabs.Content class="tabs__content" value="members">
                  <MemberTierPolicySection readOnly={!isAdminRole(caller.role)} />
                </Tabs.Content>
                <Tabs.Content class="tabs__content" value="service">
                  <ServiceSlaPolicySection readOnly={!isAdminRole(caller.role)} />
                </Tabs.Content>
                <Tabs.Content class="tabs__content" value="complaints">
                  <ComplaintSlaPolicySection readOnly={!isAdminRole(caller.role)} />
                </Tabs.Content>
              </Tabs>
            </Show>
          )}
        </AsyncView>
      </div>
    </Page>
  );
}
