import { Tabs } from '@kobalte/core/tabs';
import { useSearchParams } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { AsyncView } from '../../lib/ui/async-view.js';
import { Page } from '../../lib/ui/page.js';
import { ApiKeysSection } from './api-keys-section.js';
import { CustomFieldsSection } from './custom-fields-section.js';
import { DataPrivacySection } from './data-privacy-section.js';
import { settingsMessages } from './messages.js';
import { SharesSection } from './shares-section.js';
import { TenantSection } from './tenant-section.js';
import { isAdminRole, useMe } from './use-me.js';
import { UsersSection } from './users-section.js';
import '../../lib/ui/admin-screen.css';
import './settings.css';

const SECTIONS = ['tenant', 'users', 'apiKeys', 'customFields', 'shares', 'dataPrivacy'] as const;
type Section = (typeof SECTIONS)[number];

/** Sections only owners and admins see; members read the tenant and the custom fields. */
const ADMIN_ONLY: ReadonlySet<Section> = new Set(['users', 'apiKeys', 'shares']);
/** The owner's alone: taking all the data away, deleting the tenant (数据与隐私). */
const OWNER_ONLY: ReadonlySet<Section> = new Set(['dataPrivacy']);

/** 设置: tenant, users and roles, API keys, custom fields and partner shares, one tab each. */
export function SettingsPage() {
  const t = useMessages(settingsMessages);
  const me = useMe();
  const [params, setParams] = useSearchParams<{ tab?: string }>();
  const isAdmin = () => isAdminRole(me()?.role);
  const isOwner = () => me()?.role === 'owner';
  const visible = createMemo(() =>
    SECTIONS.filter(
      (section) => (isAdmin() || !ADMIN_ONLY.has(section)) && (isOwner() || !OWNER_ONLY.has(section)),
    ),
  );
  // The open tab lives in the address, so a reload or a shared link opens the same section.
  const current = () => {
    const wanted = params.tab as Section | undefined;
    return wanted && visible().includes(wanted) ? wanted : 'tenant';
  };

  return (
    <Page title={t('title')} description={t('description')}>
      <div class="admin-screen">
        <AsyncView resource={me}>
          {(caller) => (
            <>
              <Show when={!isAdmin()}>
                <p class="notice">{t('readOnly')}</p>
              </Show>
              <Tabs
                class="tabs"
                value={current()}
                onChange={(value) =>
                  setParams({ tab: value === 'tenant' ? undefined : value }, { replace: true })
                }
              >
                <Tabs.List class="tabs__list" aria-label={t('sections')}>
                  <For each={visible()}>
                    {(section) => (
                      <Tabs.Trigger class="tabs__trigger" value={section}>
                        {t(`tab.${section}`)}
                      </Tabs.Trigger>
                    )}
                  </For>
                  <Tabs.Indicator class="tabs__indicator" />
                </Tabs.List>
                <Tabs.Content class="tabs__content" value="tenant">
                  <TenantSection canEdit={isAdmin()} />
                </Tabs.Content>
                <Show when={isAdmin()}>
                  <Tabs.Content class="tabs__content" value="users">
                    <UsersSection myRole={caller.role} myUserId={caller.user?.id} />
                  </Tabs.Content>
                  <Tabs.Content class="tabs__content" value="apiKeys">
                    <ApiKeysSection />
                  </Tabs.Content>
                </Show>
                <Tabs.Content class="tabs__content" value="customFields">
                  <CustomFieldsSection canEdit={isAdmin()} />
                </Tabs.Content>
                <Show when={isAdmin()}>
                  <Tabs.Content class="tabs__content" value="shares">
                    <SharesSection />
                  </Tabs.Content>
                </Show>
                <Show when={isOwner()}>
                  <Tabs.Content class="tabs__content" value="dataPrivacy">
                    <DataPrivacySection tenantName={caller.tenant.name} />
                  </Tabs.Content>
                </Show>
              </Tabs>
            </>
          )}
        </AsyncView>
      </div>
    </Page>
  );
}
