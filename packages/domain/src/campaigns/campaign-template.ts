import type { Customer } from '../customer.schema.js';

/**
 * The placeholders a campaign's subject and body may use, each filled from the customer item
 * (its figures and the analytics model's scores) or the tenant. Anything else in `{{…}}` is refused
 * when the campaign is saved, so a typo never reaches a customer as literal braces.
 */
export const campaignPlaceholders = [
  'name',
  'expectedNextPurchase',
  'clv',
  'lastOrderDate',
  'orderCount',
  'tenantName',
] as const;
export type CampaignPlaceholder = (typeof campaignPlaceholders)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders used in a template that are not known: what a field error names. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(campaignPlaceholders);
  return [...template.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter((name, index, all) => !known.has(name) && all.indexOf(name) === index);
}

/** The values of the placeholders for one customer, formatted for the language of the message. */
export function placeholderValues(
  customer: Customer,
  context: { tenantName: string; locale: 'zh' | 'en'; currency: string },
): Record<CampaignPlaceholder, string> {
  const scores = customer.scores;
  const unknown = context.locale === 'zh' ? '—' : '—';
  const clv =
    typeof scores?.clv === 'number'
      ? new Intl.NumberFormat(context.locale === 'zh' ? 'zh-CN' : 'en-US', {
          style: 'currency',
          currency: context.currency,
        }).format(scores.clv / 100)
      : unknown;
  return {
    name: customer.name,
    expectedNextPurchase: scores?.nextPurchaseWindow?.median ?? scores?.nextPurchaseAt ?? unknown,
    clv,
    lastOrderDate: customer.stats.lastOrderAt?.slice(0, 10) ?? unknown,
    orderCount: String(customer.stats.orderCount),
    tenantName: context.tenantName,
  };
}

/**
 * Fills the template's placeholders. Values are inserted as text; the HTML rendering escapes the
 * whole result afterwards, so a customer's name cannot inject markup.
 *
 * @example
 * renderCampaignText('您好 {{name}}', { name: '王记粮油', … }) // '您好 王记粮油'
 */
export function renderCampaignText(template: string, values: Record<CampaignPlaceholder, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? values[name as CampaignPlaceholder] : whole,
  );
}
