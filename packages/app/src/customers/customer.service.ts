import {
  type Customer,
  type CustomerCreate,
  type CustomerPatch,
  CustomFieldNumberSchema,
  DomainError,
  emptyCustomerStats,
  newId,
} from '@crm/domain';
import {
  type CustomerListQuery,
  CustomerRepository,
  CustomFieldRepository,
  type TenantClientFactory,
  type UniqueFieldValue,
  UserRepository,
} from '@crm/dynamodb';
import type { CustomFieldDefinitions } from '../custom-fields/custom-field-definitions.js';
import {
  mergeCustomFields,
  uniqueValuesOf,
  validateCustomFields,
} from '../custom-fields/custom-field-values.js';

const MAX_PARENT_DEPTH = 20;

type Actor = { tenantId: string; actorId: string };

/** The customer book (客户档案): create, read, change with versions, archive and restore. */
export class CustomerService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  private readonly definitions: CustomFieldDefinitions;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    definitions: CustomFieldDefinitions;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.definitions = deps.definitions;
  }

  private customers(tenantId: string) {
    return new CustomerRepository(this.tenantClient(tenantId), tenantId);
  }

  private async assertOwner(tenantId: string, ownerId: string | null | undefined): Promise<void> {
    if (!ownerId) return;
    const owner = await new UserRepository(this.tenantClient(tenantId)).get({ tenantId, userId: ownerId });
    if (!owner || owner.status === 'disabled') {
      throw new DomainError('validation_failed', 'Owner is not a user of this tenant', {
        fields: [{ path: 'ownerId', message: 'no such active user' }],
      });
    }
  }

  async create(actor: Actor, input: CustomerCreate): Promise<Customer> {
    const { customer, uniqueValues } = await this.draft(actor, input);
    await this.customers(actor.tenantId).create({ customer, uniqueValues });
    return customer;
  }

  /**
   * A new customer checked and built, not yet written: `create` writes it alone, a lead's
   * conversion writes it in one transaction with the lead and the deal.
   */
  async draft(
    { tenantId, actorId }: Actor,
    input: CustomerCreate,
  ): Promise<{ customer: Customer; uniqueValues: UniqueFieldValue[] }> {
    const definitions = await this.definitions.list(tenantId);
    const customFields = mergeCustomFields(
      {},
      validateCustomFields(definitions, input.customFields, 'create'),
    );
    await this.assertOwner(tenantId, input.ownerId);
    const now = this.clock().toISOString();
    const customer: Customer = {
      ...input,
      id: newId(),
      customFields,
      stats: emptyCustomerStats(),
      createdAt: now,
      updatedAt: now,
      createdBy: actorId,
      updatedBy: actorId,
      version: 1,
    };
    return { customer, uniqueValues: uniqueValuesOf(definitions, customFields) };
  }

  /**
   * Live customers with exactly this e-mail (any case) or phone (same digits): who a lead may
   * already be. Reads the e-mail and phone lookup indexes, a few items each.
   */
  async withContactDetails({
    tenantId,
    email,
    phone,
  }: {
    tenantId: string;
    email?: string | undefined;
    phone?: string | undefined;
  }): Promise<{ customer: Customer; matchedOn: ('email' | 'phone')[] }[]> {
    const repository = this.customers(tenantId);
    const lookup = (q: string) =>
      repository.list({
        tenantId,
        sort: 'createdAt',
        order: 'asc',
        limit: 20,
        archived: false,
        filters: {},
        q,
      });
    const digits = (value: string) => value.replace(/\D/g, '');
    const found = new Map<string, { customer: Customer; matchedOn: ('email' | 'phone')[] }>();
    const add = (customer: Customer, on: 'email' | 'phone') => {
      const entry = found.get(customer.id) ?? { customer, matchedOn: [] };
      entry.matchedOn.push(on);
      found.set(customer.id, entry);
    };
    if (email) {
      for (const customer of (await lookup(email)).items) {
        if (customer.email?.toLowerCase() === email.toLowerCase()) add(customer, 'email');
      }
    }
    if (phone && digits(phone).length >= 5) {
      for (const customer of (await lookup(digits(phone))).items) {
        if (customer.phone && digits(customer.phone) === digits(phone)) add(customer, 'phone');
      }
    }
    return [...found.values()];
  }

  async get({ tenantId, customerId }: { tenantId: string; customerId: string }): Promise<Customer> {
    const customer = await this.customers(tenantId).get({ customerId });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    return customer;
  }

  /** `organisationId`: the partner organisation a dealer's user edits for (the history names it). */
  async update(
    { tenantId, actorId, organisationId }: Actor & { organisationId?: string },
    input: { customerId: string; expectedVersion: number; patch: Omit<CustomerPatch, 'version'> },
  ): Promise<Customer> {
    const current = await this.get({ tenantId, customerId: input.customerId });
    if (current.archivedAt) throw new DomainError('invalid_state', 'Customer is archived: restore it first');
    if (current.version !== input.expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `Customer is at version ${current.version}, not ${input.expectedVersion}`,
        {
          details: { current },
        },
      );
    }
    const { customFields: customFieldsPatch, ...fields } = input.patch;
    const definitions = await this.definitions.list(tenantId);
    let customFields = current.customFields;
    if (customFieldsPatch) {
      customFields = mergeCustomFields(
        current.customFields,
        validateCustomFields(definitions, customFieldsPatch, 'patch'),
      );
    }
    if (fields.ownerId) await this.assertOwner(tenantId, fields.ownerId);
    if (fields.parentId) await this.assertNoCycle(tenantId, current.id, fields.parentId);

    const next: Record<string, unknown> = { ...current, customFields };
    for (const [field, value] of Object.entries(fields)) {
      if (value === null) delete next[field];
      else if (value !== undefined) next[field] = value;
    }
    const now = this.clock().toISOString();
    next.version = current.version + 1;
    next.updatedAt = now;
    next.updatedBy = actorId;
    if (organisationId) next.updatedByOrganisationId = organisationId;
    else delete next.updatedByOrganisationId;
    const updated = next as Customer;
    const before = uniqueValuesOf(definitions, current.customFields);
    const after = uniqueValuesOf(definitions, customFields);
    const same = (a: { key: string; value: string }, b: { key: string; value: string }) =>
      a.key === b.key && a.value.toLowerCase() === b.value.toLowerCase();
    await this.customers(tenantId).replace({
      current,
      next: updated,
      expectedVersion: input.expectedVersion,
      uniqueValuesAdded: after.filter((value) => !before.some((old) => same(old, value))),
      uniqueValuesRemoved: before.filter((value) => !after.some((kept) => same(kept, value))),
    });
    return updated;
  }

  /**
   * Delete = archive: the customer leaves the lists but keeps its history and can be restored.
   * With `expectedVersion` (If-Match) a customer changed since it was read is not archived (409);
   * without it, archiving is unconditional and archiving twice is a no-op.
   */
  async archive(
    { tenantId, actorId }: Actor,
    { customerId, expectedVersion }: { customerId: string; expectedVersion?: number | undefined },
  ): Promise<Customer> {
    return this.setArchived({ tenantId, actorId }, customerId, true, expectedVersion);
  }

  async restore(
    { tenantId, actorId }: Actor,
    { customerId, expectedVersion }: { customerId: string; expectedVersion?: number | undefined },
  ): Promise<Customer> {
    return this.setArchived({ tenantId, actorId }, customerId, false, expectedVersion);
  }

  private async setArchived(
    { tenantId, actorId }: Actor,
    customerId: string,
    archive: boolean,
    expectedVersion: number | undefined,
  ): Promise<Customer> {
    const current = await this.get({ tenantId, customerId });
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `Customer is at version ${current.version}, not ${expectedVersion}`,
        { details: { current } },
      );
    }
    if (Boolean(current.archivedAt) === archive) return current;
    const now = this.clock().toISOString();
    const next: Customer = { ...current, version: current.version + 1, updatedAt: now, updatedBy: actorId };
    // Only partners edit through an organisation, and they never archive.
    delete next.updatedByOrganisationId;
    if (archive) next.archivedAt = now;
    else delete next.archivedAt;
    await this.customers(tenantId).replace({
      current,
      next,
      expectedVersion: current.version,
      uniqueValuesAdded: [],
      uniqueValuesRemoved: [],
    });
    return next;
  }

  private async assertNoCycle(tenantId: string, customerId: string, parentId: string): Promise<void> {
    const invalid = (message: string) =>
      new DomainError('validation_failed', message, { fields: [{ path: 'parentId', message }] });
    let cursor: string | undefined = parentId;
    for (let depth = 0; cursor; depth++) {
      if (cursor === customerId) throw invalid('would make the customer its own ancestor');
      if (depth >= MAX_PARENT_DEPTH)
        throw invalid(`organisation trees are at most ${MAX_PARENT_DEPTH} levels deep`);
      const ancestor: Customer | undefined = await this.customers(tenantId).get({ customerId: cursor });
      if (!ancestor) throw invalid('no such customer');
      cursor = ancestor.parentId;
    }
  }

  async list(query: CustomerListQuery) {
    return this.customers(query.tenantId).list(query);
  }

  /**
   * The list filter `key:value` on one custom field, with the value read as the field's type
   * (numbers and money as numbers, booleans as `true`/`false`, the rest as text).
   */
  async customFieldFilter({
    tenantId,
    key,
    raw,
  }: {
    tenantId: string;
    key: string;
    raw: string;
  }): Promise<{ key: string; value: string | number | boolean }> {
    const definition = await new CustomFieldRepository(this.tenantClient(tenantId), tenantId).get({ key });
    if (!definition) {
      throw new DomainError('validation_failed', `No custom field ${key}`, {
        fields: [{ path: 'customField', message: `no custom field ${key}` }],
      });
    }
    const value =
      definition.type === 'number' || definition.type === 'money'
        ? Number(raw)
        : definition.type === 'boolean'
          ? raw === 'true'
          : raw;
    // The stored values' bounds: a number beyond them matches nothing and cannot be sent to the table.
    if (typeof value === 'number' && !CustomFieldNumberSchema.safeParse(value).success) {
      throw new DomainError('validation_failed', `${key} is a number`, {
        fields: [{ path: 'customField', message: 'value must be a number from -(2^53 - 1) to 2^53 - 1' }],
      });
    }
    return { key, value };
  }

  liveCustomerPages(tenantId: string) {
    return this.customers(tenantId).liveCustomerPages();
  }

  async history({ tenantId, customerId, limit }: { tenantId: string; customerId: string; limit: number }) {
    const customer = await this.get({ tenantId, customerId });
    const entries = await this.customers(tenantId).listHistory({ customerId, limit });
    // An imported customer's first entry is its import, kept once on the import job, not per customer.
    if (customer.importId && entries.length < limit) {
      entries.push({
        id: customer.importId,
        customerId,
        at: customer.createdAt,
        actorId: customer.createdBy,
        action: 'imported',
      });
    }
    return entries;
  }
}
