import {
  type Complaint,
  type ComplaintCreate,
  ComplaintCreateSchema,
  type ComplaintFollowUpRecord,
  type ComplaintSlaPolicy,
  ComplaintSlaPolicySchema,
  type ComplaintStep,
  type ComplaintTransitionRequest,
  type ComplaintView,
  type CustomerSatisfaction,
  type Department,
  type DepartmentInput,
  DepartmentInputSchema,
  DomainError,
  defaultComplaintSlaPolicy,
  figureMoves,
  type Interaction,
  isComplaintOverdue,
  newId,
  nextStepsFor,
  type Role,
  recordComplaint,
  recordComplaintFollowUp,
  transitionComplaint,
} from '@crm/domain';
import {
  ComplaintRepository,
  CustomerRepository,
  DepartmentRepository,
  FiguresBusyError,
  InteractionRepository,
  type TenantClientFactory,
  TenantRepository,
  UserRepository,
} from '@crm/dynamodb';
import pRetry from 'p-retry';
import { parsedInput } from '../parsed-input.js';
import { readTenantPolicy, replaceTenantPolicy, type TenantPolicyView } from '../tenant-policy.js';

type TenantScope = { tenantId: string };
/** Who acts: the tenant, the recorded actor id and the caller's role (from the verified token). */
export type ComplaintCaller = { tenantId: string; actorId: string; role: Role };

export type ComplaintPolicyView = TenantPolicyView<ComplaintSlaPolicy>;

/** The customer item may be held by an order's transaction for a moment: resend, as the timeline does. */
const BUSY_RETRY = { retries: 20, minTimeout: 5, factor: 1.5, maxTimeout: 200, randomize: true } as const;

/**
 * Complaint handling (客户投诉管理): record, move through the eight steps, list and read, the
 * departments complaints go to and the tenant's SLA policy. Every decision is the pure process in
 * @crm/domain (complaints/); this service loads, decides and saves.
 */
export class ComplaintService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  private repositories(tenantId: string) {
    const client = this.tenantClient(tenantId);
    return {
      complaints: new ComplaintRepository(client, tenantId),
      customers: new CustomerRepository(client, tenantId),
      departments: new DepartmentRepository(client, tenantId),
      interactions: new InteractionRepository(client, tenantId),
      tenants: new TenantRepository(client),
      users: new UserRepository(client),
    };
  }

  async policy({ tenantId }: TenantScope): Promise<ComplaintPolicyView> {
    return readTenantPolicy(this.repositories(tenantId).complaints, defaultComplaintSlaPolicy);
  }

  /** Replaces the policy at `expectedVersion`; it applies from each complaint's next step. */
  async putPolicy(
    { tenantId, actorId }: ComplaintCaller,
    input: { policy: ComplaintSlaPolicy; expectedVersion: number },
  ): Promise<ComplaintPolicyView> {
    const policy = parsedInput(ComplaintSlaPolicySchema, input.policy);
    return replaceTenantPolicy(this.repositories(tenantId).complaints, {
      policy,
      expectedVersion: input.expectedVersion,
      actorId,
      now: this.clock(),
    });
  }

  /**
   * Step 1: the complaint, its timeline entry (type `complaint`, same id, `reference` = the
   * complaint) and the customer's interaction count, in one transaction: an unknown or archived
   * customer leaves nothing behind.
   */
  async record(caller: ComplaintCaller, body: ComplaintCreate): Promise<ComplaintView> {
    const input = parsedInput(ComplaintCreateSchema, body);
    const { complaints, interactions, tenants } = this.repositories(caller.tenantId);
    const tenant = await tenants.get({ tenantId: caller.tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    const { policy } = await this.policy(caller);
    const complaint = recordComplaint({ id: newId(), input, actor: caller, policy, now: this.clock() });
    const timelineEntry: Interaction = {
      id: complaint.id,
      customerId: complaint.customerId,
      type: 'complaint',
      occurredAt: complaint.recordedAt,
      channel: complaint.channel,
      subject: complaint.summary.slice(0, 200),
      ...(complaint.description ? { text: complaint.description } : {}),
      actorId: caller.actorId,
      reference: complaint.id,
      source: 'api',
      createdAt: complaint.createdAt,
      createdBy: caller.actorId,
      version: 1,
    };
    const moves = figureMoves(timelineEntry, tenant.settings.defaultCurrency);
    await pRetry(() => complaints.record({ complaint, timelineEntry, moves }), {
      ...BUSY_RETRY,
      shouldRetry: ({ error }) => error instanceof FiguresBusyError,
    });
    await interactions.moveFigureInstants({ customerId: complaint.customerId, moves });
    return this.view(complaint, caller);
  }

  async get(caller: ComplaintCaller & { complaintId: string }): Promise<ComplaintView> {
    const complaint = await this.repositories(caller.tenantId).complaints.get(caller.complaintId);
    if (!complaint) throw new DomainError('not_found', 'Complaint not found');
    return this.view(complaint, caller);
  }

  async list(
    { tenantId }: TenantScope,
    query: {
      step?: ComplaintStep;
      open?: boolean;
      customerId?: string;
      departmentId?: string;
      overdue?: boolean;
      limit: number;
      cursor?: string;
    },
  ): Promise<{ items: ComplaintView[]; cursor: string | null }> {
    const now = this.clock();
    const page = await this.repositories(tenantId).complaints.list({ ...query, now: now.toISOString() });
    return { items: page.items.map((complaint) => this.overdueAt(complaint, now)), cursor: page.cursor };
  }

  /**
   * One step of the process. The step must be next (409 with `allowed`), the caller's role must
   * be allowed (403), the fields present (400); a concurrent transition, or a `version` that is
   * not the current one, answers 409 and writes nothing.
   */
  async transition(
    caller: ComplaintCaller & { complaintId: string },
    request: ComplaintTransitionRequest,
  ): Promise<ComplaintView> {
    const { complaints, departments } = this.repositories(caller.tenantId);
    const complaint = await complaints.get(caller.complaintId);
    if (!complaint) throw new DomainError('not_found', 'Complaint not found');
    if (request.version !== undefined && request.version !== complaint.version) {
      throw new DomainError(
        'version_conflict',
        `The complaint is at version ${complaint.version}, not ${request.version}; reload it`,
        { details: { current: complaint } },
      );
    }
    const department = complaint.departmentId ? await departments.get(complaint.departmentId) : undefined;
    const { policy } = await this.policy(caller);
    const next = transitionComplaint(
      complaint,
      request,
      {
        actorId: caller.actorId,
        role: caller.role,
        inDepartment: this.inDepartment(department, caller.actorId),
      },
      policy,
      this.clock(),
    );
    if (next.departmentId && next.departmentId !== complaint.departmentId) {
      if (!(await departments.get(next.departmentId))) {
        throw new DomainError('validation_failed', 'Invalid body: departmentId: no such department', {
          fields: [{ path: 'departmentId', message: 'no such department' }],
        });
      }
    }
    const rated =
      next.step === 'closed' && next.rating !== undefined
        ? { rating: next.rating, at: next.updatedAt }
        : undefined;
    const saved = await complaints.save(next, complaint.version, rated);
    return this.view(saved, caller);
  }

  /**
   * The service-recovery call's outcome (服务补救回访) on a closed complaint: once, by the tenant's
   * own people, against the version read when one is given; the customer's score after the call,
   * when given, is added to its satisfaction figure.
   */
  async recordFollowUp(
    caller: ComplaintCaller & { complaintId: string },
    request: ComplaintFollowUpRecord,
  ): Promise<ComplaintView> {
    const { complaints } = this.repositories(caller.tenantId);
    const complaint = await complaints.get(caller.complaintId);
    if (!complaint) throw new DomainError('not_found', 'Complaint not found');
    if (request.version !== undefined && request.version !== complaint.version) {
      throw new DomainError(
        'version_conflict',
        `The complaint is at version ${complaint.version}, not ${request.version}; reload it`,
        { details: { current: complaint } },
      );
    }
    const { version: _version, ...input } = request;
    const next = recordComplaintFollowUp(complaint, input, caller, this.clock());
    // Service recovery's outcome (服务补救) joins the satisfaction figure in the same transaction.
    const rated =
      input.score !== undefined
        ? { rating: input.score, at: next.followUp?.doneAt ?? next.updatedAt }
        : undefined;
    return this.view(await complaints.save(next, complaint.version, rated), caller);
  }

  /** Closed complaints' ratings, per customer: the satisfaction figure (满意度) the 360° shows. */
  async satisfaction({
    tenantId,
    customerId,
  }: TenantScope & { customerId: string }): Promise<CustomerSatisfaction> {
    const { complaints, customers } = this.repositories(tenantId);
    if (!(await customers.get({ customerId }))) throw new DomainError('not_found', 'Customer not found');
    return complaints.satisfaction(customerId);
  }

  async departments({ tenantId }: TenantScope): Promise<Department[]> {
    const list = await this.repositories(tenantId).departments.list();
    return list.sort((a, b) => a.name.localeCompare(b.name));
  }

  async createDepartment({ tenantId }: ComplaintCaller, body: DepartmentInput): Promise<Department> {
    const input = parsedInput(DepartmentInputSchema, body);
    await this.requireUsers(tenantId, input.memberIds);
    const now = this.clock().toISOString();
    const department: Department = {
      id: newId(),
      name: input.name,
      memberIds: [...new Set(input.memberIds)],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.repositories(tenantId).departments.create(department);
    return department;
  }

  async updateDepartment(
    { tenantId }: ComplaintCaller,
    departmentId: string,
    body: DepartmentInput & { version: number },
  ): Promise<Department> {
    const input = parsedInput(DepartmentInputSchema, { name: body.name, memberIds: body.memberIds });
    const { departments } = this.repositories(tenantId);
    const current = await departments.get(departmentId);
    if (!current) throw new DomainError('not_found', 'Department not found');
    await this.requireUsers(tenantId, input.memberIds);
    const next: Department = {
      ...current,
      name: input.name,
      memberIds: [...new Set(input.memberIds)],
      updatedAt: this.clock().toISOString(),
      version: body.version + 1,
    };
    await departments.replace(next, body.version);
    return next;
  }

  async removeDepartment({ tenantId }: ComplaintCaller, departmentId: string): Promise<void> {
    await this.repositories(tenantId).departments.remove(departmentId);
  }

  private inDepartment(department: Department | undefined, actorId: string): boolean {
    return department?.memberIds.includes(actorId) ?? false;
  }

  private async requireUsers(tenantId: string, userIds: readonly string[]): Promise<void> {
    const { users } = this.repositories(tenantId);
    const found = await Promise.all(userIds.map((userId) => users.get({ tenantId, userId })));
    const issues = userIds.flatMap((_userId, index) =>
      found[index] ? [] : [{ path: `memberIds.${index}`, message: 'no such user in this tenant' }],
    );
    if (issues.length > 0) {
      throw new DomainError('validation_failed', 'Invalid body: memberIds name unknown users', {
        fields: issues,
      });
    }
  }

  private overdueAt(complaint: Complaint, now: Date): ComplaintView {
    return { ...complaint, overdue: complaint.overdue || isComplaintOverdue(complaint, now) };
  }

  private async view(complaint: Complaint, caller: ComplaintCaller): Promise<ComplaintView> {
    const department = complaint.departmentId
      ? await this.repositories(caller.tenantId).departments.get(complaint.departmentId)
      : undefined;
    return {
      ...this.overdueAt(complaint, this.clock()),
      next: nextStepsFor(complaint, {
        actorId: caller.actorId,
        role: caller.role,
        inDepartment: this.inDepartment(department, caller.actorId),
      }),
    };
  }
}
