import type {
  CustomFieldDefinition,
  CustomFieldDefinitionCreate,
  CustomFieldDefinitionPatchSchema,
} from '@crm/domain';
import { DomainError } from '@crm/domain';
import { CustomFieldRepository, type TenantClientFactory } from '@crm/dynamodb';
import type { z } from 'zod';
import type { CustomFieldDefinitions } from './custom-field-definitions.js';

type DefinitionChanges = Omit<z.infer<typeof CustomFieldDefinitionPatchSchema>, 'version'>;

/** The tenant's custom customer fields (数据字段定制): define, relabel, extend, archive. */
export class CustomFieldService {
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

  private repository(tenantId: string) {
    return new CustomFieldRepository(this.tenantClient(tenantId), tenantId);
  }

  async list({ tenantId }: { tenantId: string }): Promise<CustomFieldDefinition[]> {
    return this.repository(tenantId).list();
  }

  async create({
    tenantId,
    input,
  }: {
    tenantId: string;
    input: CustomFieldDefinitionCreate;
  }): Promise<CustomFieldDefinition> {
    const now = this.clock().toISOString();
    const definition = { ...input, archived: false, createdAt: now, updatedAt: now, version: 1 };
    try {
      await this.repository(tenantId).create({ definition });
      this.definitions.invalidate(tenantId);
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') {
        throw new DomainError('already_exists', `A field ${input.key} exists already`, {
          fields: [{ path: 'key', message: 'already exists' }],
        });
      }
      throw error;
    }
    return definition;
  }

  /** Key and type never change; options belong to enum fields only. */
  async update({
    tenantId,
    key,
    expectedVersion,
    changes,
  }: {
    tenantId: string;
    key: string;
    expectedVersion: number;
    changes: DefinitionChanges;
  }): Promise<CustomFieldDefinition> {
    const fields = this.repository(tenantId);
    const current = await fields.get({ key });
    if (!current) throw new DomainError('not_found', 'Custom field not found');
    if (changes.options && current.type !== 'enum') {
      throw new DomainError('validation_failed', 'Only enum fields have options', {
        fields: [{ path: 'options', message: 'is only for enum fields' }],
      });
    }
    const updated = await fields.update({ key, expectedVersion, changes, now: this.clock().toISOString() });
    this.definitions.invalidate(tenantId);
    return updated;
  }
}
