import { describe, expect, it } from 'vitest';
import { campaignAddresses, customerSkipReason } from './campaign-addresses.js';

const contact = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  primary: false,
  ...fields,
});

describe('campaignAddresses', () => {
  it('leaves out a contact who unsubscribed and reaches the colleague who consented', () => {
    const addressing = campaignAddresses({
      customer: { email: 'info@acme.test', marketingConsent: true },
      contacts: [
        contact('li', {
          email: 'li@acme.test',
          emailConsent: false,
          emailUnsubscribedAt: '2026-01-01T00:00:00Z',
        }),
        contact('wang', { email: 'wang@acme.test', emailConsent: true }),
      ],
      channel: 'email',
      requireConsent: false,
    });
    expect(addressing).toEqual({
      send: [{ contactId: 'wang', to: 'wang@acme.test' }],
      passedOver: [{ contactId: 'li', to: 'li@acme.test', reason: 'unsubscribed' }],
    });
  });

  it('lets the customer’s consent stand for a contact who gave none, per channel', () => {
    const contacts = [contact('li', { email: 'li@acme.test', phone: '+86 138 0000 0000', smsConsent: true })];
    const customer = { marketingConsent: false };
    expect(campaignAddresses({ customer, contacts, channel: 'email', requireConsent: false })).toEqual({
      send: [],
      passedOver: [{ contactId: 'li', to: 'li@acme.test', reason: 'no_consent' }],
    });
    expect(campaignAddresses({ customer, contacts, channel: 'sms', requireConsent: false }).send).toEqual([
      { contactId: 'li', to: '+86 138 0000 0000' },
    ]);
  });

  it('requires a given consent when the campaign asks for one', () => {
    const addressing = campaignAddresses({
      customer: {},
      contacts: [
        contact('a', { email: 'a@x.test' }),
        contact('b', { email: 'b@x.test', emailConsent: true }),
      ],
      channel: 'email',
      requireConsent: true,
    });
    expect(addressing.send.map((address) => address.contactId)).toEqual(['b']);
    expect(addressing.passedOver).toEqual([{ contactId: 'a', to: 'a@x.test', reason: 'no_consent' }]);
  });

  it('uses the customer’s own address only when no contact has one for the channel', () => {
    const customer = { email: 'me@x.test', phone: '13800000000', marketingConsent: true };
    const contacts = [contact('a', { phone: '13900000000' })];
    expect(campaignAddresses({ customer, contacts, channel: 'email', requireConsent: true })).toEqual({
      send: [{ contactId: null, to: 'me@x.test' }],
      passedOver: [],
    });
    expect(campaignAddresses({ customer, contacts, channel: 'sms', requireConsent: false }).send).toEqual([
      { contactId: 'a', to: '13900000000' },
    ]);
  });

  it('sends once to an address two contacts share, the primary contact first', () => {
    const addressing = campaignAddresses({
      customer: {},
      contacts: [
        contact('a', { email: 'Desk@x.test' }),
        contact('b', { email: 'boss@x.test', primary: true }),
        contact('c', { email: 'desk@x.test' }),
      ],
      channel: 'email',
      requireConsent: false,
    });
    expect(addressing.send).toEqual([
      { contactId: 'b', to: 'boss@x.test' },
      { contactId: 'a', to: 'Desk@x.test' },
    ]);
  });
});

describe('customerSkipReason', () => {
  const customer = { marketingConsent: false, unsubscribedAt: '2026-01-01T00:00:00Z' };
  it('is null while any address is reached, else the strongest reason of the addresses', () => {
    const passedOver = [
      { contactId: 'a', to: 'a', reason: 'suppressed' as const },
      { contactId: 'b', to: 'b', reason: 'no_consent' as const },
    ];
    const args = { customer: {}, channel: 'email' as const, requireConsent: false };
    expect(
      customerSkipReason({ ...args, addressing: { send: [{ contactId: null, to: 'x' }], passedOver } }),
    ).toBeNull();
    expect(customerSkipReason({ ...args, addressing: { send: [], passedOver } })).toBe('no_consent');
  });

  it('says the customer refused before saying it has no address', () => {
    const addressing = { send: [], passedOver: [] };
    expect(customerSkipReason({ addressing, customer, channel: 'sms', requireConsent: false })).toBe(
      'unsubscribed',
    );
    expect(customerSkipReason({ addressing, customer: {}, channel: 'sms', requireConsent: false })).toBe(
      'no_phone',
    );
  });
});
