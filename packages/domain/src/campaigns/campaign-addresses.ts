import type { Contact } from '../contact.schema.js';
import type { Customer } from '../customer.schema.js';
import type { CampaignChannel, RecipientSkipReason } from './campaign.schema.js';

/** One address (e-mail or phone number) of a customer a campaign could reach: a contact's or its own. */
export type CampaignAddress = { contactId: string | null; to: string };

/** Why one address is left out: refused or unsubscribed, or no consent when the campaign requires it. */
export type AddressSkipReason = Extract<RecipientSkipReason, 'unsubscribed' | 'no_consent' | 'suppressed'>;

export type CampaignAddressing = {
  /** The addresses the message goes to, the primary contact's first. */
  send: CampaignAddress[];
  /** The addresses left out, each with its reason. */
  passedOver: (CampaignAddress & { reason: AddressSkipReason })[];
};

type ConsentCustomer = Pick<Customer, 'email' | 'phone' | 'marketingConsent' | 'unsubscribedAt'>;
type ConsentContact = Pick<
  Contact,
  | 'id'
  | 'email'
  | 'phone'
  | 'primary'
  | 'emailConsent'
  | 'smsConsent'
  | 'emailUnsubscribedAt'
  | 'smsUnsubscribedAt'
>;

/** The same address written twice (two contacts, different case) is one address. */
const sameAddress = (to: string) => to.trim().toLowerCase();

function verdict(
  consent: boolean | undefined,
  unsubscribedAt: string | undefined,
  requireConsent: boolean,
): AddressSkipReason | null {
  if (consent === false) return unsubscribedAt ? 'unsubscribed' : 'no_consent';
  if (requireConsent && consent !== true) return 'no_consent';
  return null;
}

/**
 * Who at a customer a campaign reaches, and who not: each contact with an address for the channel,
 * judged by the person's own consent for the channel (the customer's `marketingConsent` stands for
 * a contact who gave none); a customer none of whose contacts has such an address is reached at its
 * own address under its own consent. An address shared by two contacts goes out once.
 *
 * @example
 * // Li unsubscribed her e-mail; her colleague Wang gave his consent.
 * campaignAddresses({ customer, contacts: [li, wang], channel: 'email', requireConsent: false });
 * // → { send: [{ contactId: wang.id, to: wang.email }],
 * //     passedOver: [{ contactId: li.id, to: li.email, reason: 'unsubscribed' }] }
 */
export function campaignAddresses(input: {
  customer: ConsentCustomer;
  contacts: readonly ConsentContact[];
  channel: CampaignChannel;
  requireConsent: boolean;
}): CampaignAddressing {
  const { customer, channel, requireConsent } = input;
  const field = channel === 'email' ? 'email' : 'phone';
  const reachable = input.contacts
    .filter((contact) => contact[field])
    .sort((a, b) => Number(b.primary) - Number(a.primary));
  const result: CampaignAddressing = { send: [], passedOver: [] };
  if (reachable.length === 0) {
    const own = customer[field];
    if (!own) return result;
    const reason = verdict(customer.marketingConsent, customer.unsubscribedAt, requireConsent);
    const address = { contactId: null, to: own };
    if (reason) result.passedOver.push({ ...address, reason });
    else result.send.push(address);
    return result;
  }
  const seen = new Set<string>();
  for (const contact of reachable) {
    const to = contact[field] as string;
    if (seen.has(sameAddress(to))) continue;
    seen.add(sameAddress(to));
    const own = channel === 'email' ? contact.emailConsent : contact.smsConsent;
    const reason =
      own === undefined
        ? verdict(customer.marketingConsent, customer.unsubscribedAt, requireConsent)
        : verdict(
            own,
            channel === 'email' ? contact.emailUnsubscribedAt : contact.smsUnsubscribedAt,
            requireConsent,
          );
    const address = { contactId: contact.id, to };
    if (reason) result.passedOver.push({ ...address, reason });
    else result.send.push(address);
  }
  return result;
}

/**
 * Why a customer gets no message at all: its addresses' reasons, the strongest first (someone
 * unsubscribed, then no consent, then a suppressed address); with no address for the channel, the
 * customer's own refusal if it refused, else `no_email` / `no_phone`.
 */
export function customerSkipReason(input: {
  addressing: CampaignAddressing;
  customer: ConsentCustomer;
  channel: CampaignChannel;
  requireConsent: boolean;
}): RecipientSkipReason | null {
  const { addressing, customer, channel } = input;
  if (addressing.send.length > 0) return null;
  const reasons = new Set(addressing.passedOver.map((address) => address.reason));
  for (const reason of ['unsubscribed', 'no_consent', 'suppressed'] as const) {
    if (reasons.has(reason)) return reason;
  }
  return (
    verdict(customer.marketingConsent, customer.unsubscribedAt, input.requireConsent) ??
    (channel === 'email' ? 'no_email' : 'no_phone')
  );
}
