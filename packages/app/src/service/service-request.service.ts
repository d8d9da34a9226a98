import {
  addServiceVisit,
  canSeeServiceRequest,
  DomainError,
  defaultServiceSlaPolicy,
  isServiceRequestOverdue,
  newId,
  type Role,
  receiveServiceRequest,
  type ServiceActor,
  type ServiceAssignee,
  type ServiceRequest,
  type ServiceRequestCreate,
  ServiceRequestCreateSchema,
  type ServiceRequestStatus,
  type ServiceRequestView,
  type ServiceSlaPolicy,
  ServiceSlaPolicySchema,
  type ServiceTransitionRequest,
  type ServiceVisitInput,
  type ServiceVisitPatch,
  serviceNextStepsFor,
  transitionServiceRequest,
  updateServiceVisit,
} from '@crm/domain';
import {
  DepartmentRepository,
  ServiceRequestRepository,
  serviceAssigneeKey,
  type TenantClientFactory,
  UserRepository,
} from '@crm/dynamodb';
import { parsedInput } from '../parsed-input.js';
import { readTenantPolicy, replaceTenantPolicy, type TenantPolicyView } from '../tenant-policy.js';
import { recordServiceRequest } from './service-timeline.js';

/** Who acts: the tenant, the recorded actor id and the caller's role (from the verified token). */
export type ServiceCaller = { tenantId: string; actorId: string; role: Role };

export type ServiceRequestListFilters = {
  status?: ServiceRequestStatus;
  open?: boolean;
  customerId?: string;
  /** A user (technician or partner) or a department: requests assigned to it. */
  assignee?: string;
  /** Requests assigned to the caller, or to a team the caller is in. */
  mine?: boolean;
  from?: string;
  to?: string;
  /** Past the status's SLA (or flagged by the nightly pass): true, or on time: false. */
  overdue?: boolean;
  limit: number;
  cursor?: string;
};

export type ServiceSlaPolicyView = TenantPolicyView<ServiceSlaPolicy>;

const invalidAssignee = (path: string, message: string) =>
  new DomainError('validation_failed', `Invalid body: ${path}: ${message}`, { fields: [{ path, message }] });

/**
 * Service requests (客户服务与支持): receive, plan, dispatch, work with visits, resolve, follow up.
 * Every decision is the pure process in @crm/domain (service/); this service loads, decides, saves.
 * Partners see and work only the requests dispatched to them (anything else is a 404 to them).
 */
export class ServiceRequestService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  private repositories(tenantId: string) {
    const client = this.tenantClient(tenantId);
    return {
      client,
      requests: new ServiceRequestRepository(client, tenantId),
      departments: new DepartmentRepository(client, tenantId),
      users: new UserRepository(client),
    };
  }

  /** The tenant's SLA hours per status and priority (the default until an admin saves one). */
  async policy({ tenantId }: { tenantId: string }): Promise<ServiceSlaPolicyView> {
    return readTenantPolicy(this.repositories(tenantId).requests, defaultServiceSlaPolicy);
  }

  /** Replaces the policy at `expectedVersion`; it applies from each request's next status. */
  async putPolicy(
    { tenantId, actorId }: ServiceCaller,
    input: { policy: ServiceSlaPolicy; expectedVersion: number },
  ): Promise<ServiceSlaPolicyView> {
    const policy = parsedInput(ServiceSlaPolicySchema, input.policy);
    return replaceTenantPolicy(this.repositories(tenantId).requests, {
      policy,
      expectedVersion: input.expectedVersion,
      actorId,
      now: this.clock(),
    });
  }

  /** Step 1 (受理): the request and its timeline entry, all or nothing. */
  async receive(caller: ServiceCaller, body: ServiceRequestCreate): Promise<ServiceRequestView> {
    const input = parsedInput(ServiceRequestCreateSchema, body);
    const { policy } = await this.policy(caller);
    const request = receiveServiceRequest({ id: newId(), input, actor: caller, now: this.clock(), policy });
    await recordServiceRequest(this.repositories(caller.tenantId).client, caller.tenantId, request);
    return this.view(request, await this.actor(caller));
  }

  async get(caller: ServiceCaller & { requestId: string }): Promise<ServiceRequestView> {
    const actor = await this.actor(caller);
    return this.view(await this.load(caller, actor), actor);
  }

  async list(
    caller: ServiceCaller,
    filters: ServiceRequestListFilters,
  ): Promise<{ items: ServiceRequestView[]; cursor: string | null }> {
    const { requests, departments } = this.repositories(caller.tenantId);
    let assigneeKeys: string[] | undefined;
    if (filters.mine || caller.role === 'partner') {
      const actor = await this.actor(caller);
      assigneeKeys = [
        `user:${caller.actorId}`,
        `partner:${caller.actorId}`,
        ...actor.teamIds.map((teamId) => `team:${teamId}`),
      ];
    }
    if (filters.assignee) {
      const asked = filters.assignee;
      const teams = (await departments.list())
        .filter((department) => department.id === asked || department.memberIds.includes(asked))
        .map((department) => `team:${department.id}`);
      const keys = [`user:${asked}`, `partner:${asked}`, ...teams];
      assigneeKeys = assigneeKeys ? assigneeKeys.filter((key) => keys.includes(key)) : keys;
    }
    const now = this.clock();
    const page = await requests.list({
      limit: filters.limit,
      ...(filters.overdue !== undefined ? { overdue: filters.overdue, now: now.toISOString() } : {}),
      ...(filters.cursor ? { cursor: filters.cursor } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.open !== undefined ? { open: filters.open } : {}),
      ...(filters.customerId ? { customerId: filters.customerId } : {}),
      ...(assigneeKeys ? { assigneeKeys } : {}),
      ...(filters.from ? { from: new Date(Date.parse(filters.from)).toISOString() } : {}),
      ...(filters.to ? { to: new Date(Date.parse(filters.to)).toISOString() } : {}),
    });
    return { items: page.items.map((request) => this.overdueAt(request, now)), cursor: page.cursor };
  }

  /**
   * One step. The status must be next (409 with `allowed`), the caller allowed (403), the fields
   * there (400); a dispatch names a real user, partner or department (400). A concurrent change, or
   * a version that is not the current one, answers 409 and writes nothing. A follow-up's score is
   * added to the customer's satisfaction in the same transaction.
   */
  async transition(
    caller: ServiceCaller & { requestId: string },
    input: ServiceTransitionRequest,
    expectedVersion?: number,
  ): Promise<ServiceRequestView> {
    const actor = await this.actor(caller);
    const request = await this.load(caller, actor);
    this.requireVersion(request, expectedVersion ?? input.version);
    const { policy } = await this.policy(caller);
    const next = transitionServiceRequest(request, input, actor, this.clock(), newId, policy);
    if (next.assignee && serviceAssigneeKey(next.assignee) !== serviceAssigneeKey(request.assignee)) {
      await this.requireAssignee(caller.tenantId, next.assignee);
    }
    const rated =
      next.status === 'followed_up' && next.followUp
        ? { rating: next.followUp.score, at: next.followUp.at }
        : undefined;
    const saved = await this.repositories(caller.tenantId).requests.save(next, request.version, rated);
    return this.view(saved, actor);
  }

  async addVisit(
    caller: ServiceCaller & { requestId: string },
    input: ServiceVisitInput,
    expectedVersion?: number,
  ): Promise<ServiceRequestView> {
    const actor = await this.actor(caller);
    const request = await this.load(caller, actor);
    this.requireVersion(request, expectedVersion ?? input.version);
    const { version: _version, ...visit } = input;
    if (visit.technicianId) await this.requireUser(caller.tenantId, visit.technicianId, 'technicianId');
    const next = addServiceVisit(request, visit, actor, this.clock(), newId());
    const saved = await this.repositories(caller.tenantId).requests.save(next, request.version);
    return this.view(saved, actor);
  }

  /** Changes a visit against the request's version read (If-Match or body; 428 without). */
  async updateVisit(
    caller: ServiceCaller & { requestId: string; visitId: string },
    patch: ServiceVisitPatch,
    expectedVersion: number,
  ): Promise<ServiceRequestView> {
    const actor = await this.actor(caller);
    const request = await this.load(caller, actor);
    this.requireVersion(request, expectedVersion);
    const { version: _version, ...changes } = patch;
    if (changes.technicianId) await this.requireUser(caller.tenantId, changes.technicianId, 'technicianId');
    const next = updateServiceVisit(request, caller.visitId, changes, actor, this.clock());
    const saved = await this.repositories(caller.tenantId).requests.save(next, request.version);
    return this.view(saved, actor);
  }

  /** The caller as the process sees it: role and the teams (departments) it belongs to. */
  private async actor(caller: ServiceCaller): Promise<ServiceActor> {
    const departments = await this.repositories(caller.tenantId).departments.list();
    return {
      actorId: caller.actorId,
      role: caller.role,
      teamIds: departments
        .filter((department) => department.memberIds.includes(caller.actorId))
        .map((department) => department.id),
    };
  }

  private async load(
    caller: ServiceCaller & { requestId: string },
    actor: ServiceActor,
  ): Promise<ServiceRequest> {
    const request = await this.repositories(caller.tenantId).requests.get(caller.requestId);
    // A partner is not told that requests not dispatched to it exist.
    if (!request || !canSeeServiceRequest(request, actor)) {
      throw new DomainError('not_found', 'Service request not found');
    }
    return request;
  }

  private requireVersion(request: ServiceRequest, expected: number | undefined): void {
    if (expected !== undefined && expected !== request.version) {
      throw new DomainError(
        'version_conflict',
        `The service request is at version ${request.version}, not ${expected}; reload it`,
        { details: { current: request } },
      );
    }
  }

  private async requireUser(tenantId: string, userId: string, path: string, role?: 'partner' | 'staff') {
    const user = await this.repositories(tenantId).users.get({ tenantId, userId });
    if (!user || user.status === 'disabled') throw invalidAssignee(path, 'no active user of this tenant');
    if (role === 'partner' && user.role !== 'partner') throw invalidAssignee(path, 'is not a partner user');
    if (role === 'staff' && user.role === 'partner') {
      throw invalidAssignee(path, 'is a partner user: dispatch to { kind: "partner" }');
    }
  }

  private async requireAssignee(tenantId: string, assignee: ServiceAssignee): Promise<void> {
    if (assignee.kind === 'team') {
      if (!(await this.repositories(tenantId).departments.get(assignee.departmentId))) {
        throw invalidAssignee('assignee.departmentId', 'no such department');
      }
      return;
    }
    await this.requireUser(
      tenantId,
      assignee.userId,
      'assignee.userId',
      assignee.kind === 'partner' ? 'partner' : 'staff',
    );
  }

  /** `overdue` as of `now`: the nightly pass flags a late status, but time alone makes it late. */
  private overdueAt(request: ServiceRequest, now: Date): ServiceRequest {
    return { ...request, overdue: request.overdue || isServiceRequestOverdue(request, now) };
  }

  private view(request: ServiceRequest, actor: ServiceActor): ServiceRequestView {
    return { ...this.overdueAt(request, this.clock()), next: serviceNextStepsFor(request, actor) };
  }
}
