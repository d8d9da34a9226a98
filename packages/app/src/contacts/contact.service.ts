import { type Contact, type ContactCreate, DomainError, newId } from '@crm/domain';
import { ContactRepository, CustomerRepository, type TenantClientFactory } from '@crm/dynamodb';

type ContactKey = { tenantId: string; customerId: string; contactId: string };

/** A customer's contacts (联系人): people with roles, and how they relate to one another. */
export class ContactService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  private repositories(tenantId: string) {
    const client = this.tenantClient(tenantId);
    return {
      contacts: new ContactRepository(client, tenantId),
      customers: new CustomerRepository(client, tenantId),
    };
  }

  private async requireCustomer(tenantId: string, customerId: string) {
    const customer = await this.repositories(tenantId).customers.get({ customerId });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    return customer;
  }

  /** Every related contact must exist at the same customer. */
  private async validateRelations(
    contacts: ContactRepository,
    customerId: string,
    relations: { contactId: string }[] | undefined,
  ): Promise<void> {
    for (const [index, relation] of (relations ?? []).entries()) {
      if (!(await contacts.get({ customerId, contactId: relation.contactId }))) {
        throw new DomainError('validation_failed', 'A related contact does not exist at this customer', {
          fields: [{ path: `relations.${index}.contactId`, message: 'no such contact at this customer' }],
        });
      }
    }
  }

  async list({ tenantId, customerId }: { tenantId: string; customerId: string }): Promise<Contact[]> {
    await this.requireCustomer(tenantId, customerId);
    return this.repositories(tenantId).contacts.list({ customerId });
  }

  async create({
    tenantId,
    customerId,
    input,
  }: {
    tenantId: string;
    customerId: string;
    input: ContactCreate;
  }): Promise<Contact> {
    const customer = await this.requireCustomer(tenantId, customerId);
    if (customer.archivedAt) throw new DomainError('invalid_state', 'Customer is archived: restore it first');
    const { contacts } = this.repositories(tenantId);
    await this.validateRelations(contacts, customerId, input.relations);
    const now = this.clock().toISOString();
    const contact = { ...input, id: newId(), customerId, createdAt: now, updatedAt: now, version: 1 };
    await contacts.create({ contact });
    return contact;
  }

  async get({ tenantId, customerId, contactId }: ContactKey): Promise<Contact> {
    const contact = await this.repositories(tenantId).contacts.get({ customerId, contactId });
    if (!contact) throw new DomainError('not_found', 'Contact not found');
    return contact;
  }

  /** Changes the given fields; `null` clears one. */
  async update({
    tenantId,
    customerId,
    contactId,
    expectedVersion,
    changes,
  }: ContactKey & {
    expectedVersion: number;
    changes: Record<string, unknown> & { relations?: { contactId: string }[] };
  }): Promise<Contact> {
    const { contacts } = this.repositories(tenantId);
    await this.validateRelations(contacts, customerId, changes.relations);
    // A consent given again, or cleared, is no longer an unsubscribe: the time goes with it.
    const resubscribed = {
      ...('emailConsent' in changes && changes.emailConsent !== false
        ? { emailUnsubscribedAt: undefined }
        : {}),
      ...('smsConsent' in changes && changes.smsConsent !== false ? { smsUnsubscribedAt: undefined } : {}),
    };
    return contacts.update({
      customerId,
      contactId,
      expectedVersion,
      changes: {
        ...Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value ?? undefined])),
        ...resubscribed,
      },
      now: this.clock().toISOString(),
    });
  }

  async remove({ tenantId, customerId, contactId }: ContactKey): Promise<void> {
    const removed = await this.repositories(tenantId).contacts.delete({ customerId, contactId });
    if (!removed) throw new DomainError('not_found', 'Contact not found');
  }
}
