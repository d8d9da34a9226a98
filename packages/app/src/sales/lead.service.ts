import {
  type Customer,
  type CustomerCreate,
  DomainError,
  findPipeline,
  gradeLead,
  type Lead,
  type LeadCreate,
  type LeadPatch,
  type LeadView,
  newId,
  type Opportunity,
  type OpportunityDraft,
  openOpportunity,
  type PossibleDuplicate,
} from '@crm/domain';
import {
  type ConversionCustomer,
  CustomerRepository,
  type LeadListFilter,
  LeadRepository,
  newCustomerActions,
  type TenantClientFactory,
} from '@crm/dynamodb';
import type { CustomerService } from '../customers/customer.service.js';
import { assertActiveUser } from './active-user.js';
import type { SalesSetupService } from './sales-setup.service.js';

type Actor = { tenantId: string; actorId: string };
/** Who acts: the user's id doubles as the default owner; API keys own nothing. */
export type SalesActor = Actor & { userId: string | null };

export type LeadConversion = {
  opportunity: OpportunityDraft;
  /** Link to this customer instead of matching or creating one. */
  customerId?: string | undefined;
  /** Fields of the customer the conversion creates (its kind, the tenant’s custom fields). */
  customer?: {
    kind?: CustomerCreate['kind'] | undefined;
    customFields?: CustomerCreate['customFields'] | undefined;
  };
};

export type LeadConverted = {
  lead: Lead;
  customerId: string;
  opportunityId: string;
  /** True when the lead was linked to a customer already in the book (by id, e-mail or phone). */
  linkedExisting: boolean;
  opportunity: Opportunity;
};

function asDuplicate(match: { customer: Customer; matchedOn: ('email' | 'phone')[] }): PossibleDuplicate {
  const { customer } = match;
  return {
    customerId: customer.id,
    name: customer.name,
    ...(customer.email ? { email: customer.email } : {}),
    ...(customer.phone ? { phone: customer.phone } : {}),
    matchedOn: match.matchedOn,
  };
}

/**
 * Leads (销售线索): graded by the tenant's rules, checked against the customer book for
 * duplicates by e-mail and phone, and converted in one step into a customer (new, or the one
 * that matches) and an opportunity.
 */
export class LeadService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly customers: CustomerService;
  private readonly setup: SalesSetupService;

  constructor(deps: {
    tenantClient: TenantClientFactory;
    clock: () => Date;
    customers: CustomerService;
    setup: SalesSetupService;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.customers = deps.customers;
    this.setup = deps.setup;
  }

  private repository(tenantId: string) {
    return new LeadRepository(this.tenantClient(tenantId), tenantId);
  }

  private async duplicatesOf(tenantId: string, lead: Pick<Lead, 'email' | 'phone'>) {
    return this.customers.withContactDetails({ tenantId, email: lead.email, phone: lead.phone });
  }

  private async view(tenantId: string, lead: Lead): Promise<LeadView> {
    const possibleDuplicates =
      lead.status === 'open' ? (await this.duplicatesOf(tenantId, lead)).map(asDuplicate) : [];
    return { ...lead, possibleDuplicates };
  }

  async create(actor: SalesActor, input: LeadCreate): Promise<LeadView> {
    const { tenantId } = actor;
    const ownerId = input.ownerId ?? actor.userId;
    if (input.ownerId) await assertActiveUser(this.tenantClient, tenantId, input.ownerId, 'ownerId');
    const { leadGrading } = await this.setup.get({ tenantId });
    const now = this.clock().toISOString();
    const { grade, ownerId: _owner, ...fields } = input;
    const lead: Lead = {
      ...fields,
      id: newId(),
      ownerId,
      grade: grade ?? gradeLead(input, leadGrading),
      gradedBy: grade ? 'manual' : 'rules',
      status: 'open',
      createdAt: now,
      createdBy: actor.actorId,
      updatedAt: now,
      updatedBy: actor.actorId,
      version: 1,
    };
    await this.repository(tenantId).create(lead);
    return this.view(tenantId, lead);
  }

  async get({ tenantId }: { tenantId: string }, leadId: string): Promise<LeadView> {
    const lead = await this.repository(tenantId).get(leadId);
    if (!lead) throw new DomainError('not_found', 'Lead not found');
    return this.view(tenantId, lead);
  }

  async list({ tenantId }: { tenantId: string }, filter: LeadListFilter) {
    return this.repository(tenantId).list(filter);
  }

  /** Changes an open (or disqualified) lead at `expectedVersion`; a rules-graded lead is graded again. */
  async update(
    actor: Actor,
    leadId: string,
    input: { patch: Omit<LeadPatch, 'version'>; expectedVersion: number },
  ): Promise<LeadView> {
    const { tenantId } = actor;
    const current = await this.repository(tenantId).get(leadId);
    if (!current) throw new DomainError('not_found', 'Lead not found');
    if (current.status === 'converted')
      throw new DomainError('invalid_state', 'The lead is already converted');
    const { patch } = input;
    if (patch.ownerId) await assertActiveUser(this.tenantClient, tenantId, patch.ownerId, 'ownerId');
    const next: Lead = { ...current, updatedAt: this.clock().toISOString(), updatedBy: actor.actorId };
    for (const field of ['name', 'source', 'status'] as const) {
      if (patch[field] !== undefined) Object.assign(next, { [field]: patch[field] });
    }
    for (const field of ['email', 'phone', 'company', 'notes'] as const) {
      const value = patch[field];
      if (value === null) delete next[field];
      else if (value !== undefined) next[field] = value;
    }
    if (patch.ownerId !== undefined) next.ownerId = patch.ownerId;
    if (patch.grade) {
      next.grade = patch.grade;
      next.gradedBy = 'manual';
    } else if (patch.grade === null || next.gradedBy === 'rules') {
      const { leadGrading } = await this.setup.get({ tenantId });
      next.grade = gradeLead(next, leadGrading);
      next.gradedBy = 'rules';
    }
    return this.view(tenantId, await this.repository(tenantId).save(next, input.expectedVersion));
  }

  /**
   * Customer + opportunity in one step, all or nothing, once. The customer is the one named, else
   * the live customer with the lead's e-mail (or phone), else a new one from the lead.
   */
  async convert(actor: SalesActor, leadId: string, input: LeadConversion): Promise<LeadConverted> {
    const { tenantId } = actor;
    const lead = await this.repository(tenantId).get(leadId);
    if (!lead) throw new DomainError('not_found', 'Lead not found');
    if (lead.status === 'converted') {
      throw new DomainError('invalid_state', 'The lead is already converted', {
        details: { customerId: lead.customerId, opportunityId: lead.opportunityId },
      });
    }
    if (lead.status !== 'open') {
      throw new DomainError('invalid_state', 'The lead is disqualified; reopen it to convert it');
    }
    const setup = await this.setup.get({ tenantId });
    const pipeline = findPipeline(setup, input.opportunity.pipeline);
    if (!pipeline) {
      throw new DomainError('validation_failed', `No pipeline ${input.opportunity.pipeline}`, {
        fields: [
          {
            path: 'opportunity.pipeline',
            message: `must be one of ${setup.pipelines.map((p) => p.key).join(', ')}`,
          },
        ],
      });
    }
    if (input.opportunity.ownerId) {
      await assertActiveUser(this.tenantClient, tenantId, input.opportunity.ownerId, 'opportunity.ownerId');
    }
    let customer: ConversionCustomer;
    if (input.customerId) {
      customer = { kind: 'existing', customerId: input.customerId };
    } else {
      const matches = await this.duplicatesOf(tenantId, lead);
      // An e-mail match is the stronger evidence: prefer it over a shared phone (a switchboard).
      const match = matches.find((m) => m.matchedOn.includes('email')) ?? matches[0];
      if (match) {
        customer = { kind: 'existing', customerId: match.customer.id };
      } else {
        const draft = await this.customers.draft(actor, {
          name: lead.company ?? lead.name,
          kind: input.customer?.kind ?? (lead.company ? 'business' : 'consumer'),
          status: 'prospect',
          tags: [],
          customFields: input.customer?.customFields ?? {},
          ...(lead.email ? { email: lead.email } : {}),
          ...(lead.phone ? { phone: lead.phone } : {}),
          ...(lead.ownerId ? { ownerId: lead.ownerId } : {}),
        });
        customer = {
          kind: 'new',
          customerId: draft.customer.id,
          actions: newCustomerActions(
            tenantId,
            draft.customer,
            draft.uniqueValues,
            await new CustomerRepository(this.tenantClient(tenantId), tenantId).listShards(),
          ),
        };
      }
    }
    const now = this.clock();
    const opportunity = openOpportunity({
      id: newId(),
      customerId: customer.customerId,
      leadId: lead.id,
      draft: input.opportunity,
      pipeline,
      ownerId: input.opportunity.ownerId ?? lead.ownerId ?? actor.userId,
      actorId: actor.actorId,
      now,
      stagePath: 'opportunity.stage',
    });
    const at = now.toISOString();
    const converted = await this.repository(tenantId).convert({
      lead: {
        ...lead,
        status: 'converted',
        customerId: customer.customerId,
        opportunityId: opportunity.id,
        convertedAt: at,
        convertedBy: actor.actorId,
        updatedAt: at,
        updatedBy: actor.actorId,
      },
      expectedVersion: lead.version,
      opportunity,
      customer,
    });
    return {
      lead: converted,
      customerId: customer.customerId,
      opportunityId: opportunity.id,
      linkedExisting: customer.kind === 'existing',
      opportunity,
    };
  }
}
