import { A } from '@solidjs/router';
import { createResource, For, type JSX, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useLabelled, useMessages } from '../../lib/i18n/i18n-context.js';
import { campaignsMessages } from './messages.js';
import { PreviewAddresses } from './preview-addresses.js';

type Campaign = components['schemas']['Campaign'];
type CountedSegment = components['schemas']['CountedSegment'];
// A short page may come back empty when few match; a few asks find the first member if there is one.
const MEMBER_ASKS = 4;

/**
 * What a campaign sends: channel, segment (with its live count), language, hold-out, consent rule,
 * the templates in both languages, and the message one member of the segment would get.
 */
export function CampaignSummary(props: {
  campaign: Campaign;
  segment: CountedSegment | undefined;
  segmentGone: boolean;
}) {
  const t = useMessages(campaignsMessages);
  const labelled = useLabelled();
  const format = useFormat();
  const api = useApi();
  const [preview] = createResource(
    () => (props.segment ? props.campaign : undefined),
    async (campaign) => {
      let cursor: string | null | undefined;
      for (let ask = 0; ask < MEMBER_ASKS && cursor !== null; ask += 1) {
        const page = await unwrap(
          api.GET('/v1/segments/{segmentId}/members', {
            params: {
              path: { segmentId: campaign.segmentId },
              query: { limit: 20, ...(cursor ? { cursor } : {}) },
            },
          }),
        );
        const member = page.items[0];
        if (member) {
          const message = await unwrap(
            api.POST('/v1/campaigns/preview', {
              body: {
                customerId: member.id,
                channel: campaign.channel,
                locale: campaign.locale,
                requireConsent: campaign.requireConsent,
                body: campaign.body,
                ...(campaign.subject ? { subject: campaign.subject } : {}),
              },
            }),
          );
          return { name: member.name, ...message };
        }
        cursor = page.nextCursor;
      }
      return null;
    },
  );
  const row = (label: string, value: JSX.Element) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const templates = () =>
    (['zh', 'en'] as const).map((language) => ({
      language,
      subject: props.campaign.subject?.[language],
      body: props.campaign.body[language],
      sent: language === props.campaign.locale,
    }));
  return (
    <section
      class="card campaign-summary"
      aria-labelledby="campaign-summary-title"
      data-testid="campaign-summary"
    >
      <h2 id="campaign-summary-title" class="card__title">
        {props.campaign.status === 'draft' ? t('detail.summary') : t('detail.summarySent')}
      </h2>
      <dl class="campaign-summary__facts">
        {row(t('detail.channel'), t(`composer.channel.${props.campaign.channel}`))}
        {row(
          t('detail.segment'),
          <Show
            when={props.segment}
            fallback={
              <Show when={props.segmentGone} fallback={<span class="muted">…</span>}>
                <span class="form__error">{t('detail.segmentGone')}</span>
              </Show>
            }
          >
            {(segment) => (
              <>
                <A href={`/segments/${segment().id}`}>{segment().name}</A>
                <span class="muted">
                  {' '}
                  · {t('detail.segmentCount', { count: format.number(segment().count) })}
                </span>
              </>
            )}
          </Show>,
        )}
        {row(t('detail.language'), t(`detail.language.${props.campaign.locale}`))}
        {row(
          t('detail.holdout'),
          props.campaign.holdoutPercent > 0
            ? t('detail.holdoutPercent', { percent: props.campaign.holdoutPercent })
            : t('detail.holdoutNone'),
        )}
        {row(
          t('detail.consent'),
          props.campaign.requireConsent ? t('detail.consentRequired') : t('detail.consentAny'),
        )}
        {row(t('detail.conversion'), t('detail.conversionDays', { days: props.campaign.conversionDays }))}
      </dl>
      <div class="campaign-summary__templates">
        <For each={templates()}>
          {(template) => (
            <article class="campaign-template" lang={template.language === 'zh' ? 'zh-CN' : 'en'}>
              <h3 class="campaign-template__title">
                {t(`detail.language.${template.language}`)}
                <Show when={template.sent}>
                  <span class="badge">{t('detail.sendLanguage')}</span>
                </Show>
              </h3>
              <Show when={template.subject}>
                {(subject) => (
                  <p>
                    <span class="muted">{labelled(t('detail.subject'))}</span>
                    <strong>{subject()}</strong>
                  </p>
                )}
              </Show>
              <p class="campaign-preview__text">{template.body}</p>
            </article>
          )}
        </For>
      </div>
      <Show when={preview.state === 'ready'}>
        <Show when={preview()} fallback={<p class="muted">{t('detail.previewNone')}</p>}>
          {(shown) => (
            <div class="card campaign-preview" data-testid="campaign-preview">
              <h3 class="campaign-template__title">{t('detail.preview', { name: shown().name })}</h3>
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
      </Show>
    </section>
  );
}
