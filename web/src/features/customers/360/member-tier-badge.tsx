import { createResource, Show } from 'solid-js';
import { useApi } from '../../../lib/auth/auth-context.js';
import { useLocale, useMessages } from '../../../lib/i18n/i18n-context.js';
import { memberTierMessages } from '../../policies/member-tier-messages.js';

/**
 * The customer's member tier (会员等级) as a badge, named by the tenant's programme in the user's
 * language; the key itself when the programme cannot be read (a partner's view).
 */
export function MemberTierBadge(props: { tier: string | undefined }) {
  const t = useMessages(memberTierMessages);
  const api = useApi();
  const { locale } = useLocale();
  const [policy] = createResource(async () => (await api.GET('/v1/members/tier-policy')).data?.policy);
  const name = (key: string) => {
    const tier = policy()?.tiers.find((each) => each.key === key);
    if (!tier) return key;
    return locale() === 'zh-CN' ? tier.name.zh : tier.name.en;
  };
  const tier = () => props.tier ?? policy()?.tiers[0]?.key;
  return (
    <Show when={tier()}>
      {(key) => (
        <span class="badge badge--tier" data-testid="member-tier" title={t('badge')}>
          {name(key())}
        </span>
      )}
    </Show>
  );
}
