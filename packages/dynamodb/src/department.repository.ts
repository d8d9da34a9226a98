import { type Department, DomainError } from '@crm/domain';
import type { TableClient } from './document-client.js';
import { fromItem, toItem } from './item-codec.js';
import { keys, sortKeyPrefixes } from './keys.js';
import { TenantTable } from './tenant-table.js';

/** The departments a tenant routes complaints to (责任部门), with their members; one partition. */
export class DepartmentRepository {
  private readonly table: TenantTable;
  private readonly tenantId: string;

  constructor(client: TableClient, tenantId: string) {
    this.table = new TenantTable(client, tenantId);
    this.tenantId = tenantId;
  }

  async list(): Promise<Department[]> {
    const items = await this.table.queryAll({
      partitionValue: keys.departmentsPartition(this.tenantId),
      KeyConditionExpression: 'begins_with(sk, :dept)',
      ExpressionAttributeValues: { ':dept': sortKeyPrefixes.department },
    });
    return items.map((item) => fromItem<Department>(item));
  }

  async get(departmentId: string): Promise<Department | undefined> {
    const item = await this.table.get(keys.department(this.tenantId, departmentId));
    return item ? fromItem<Department>(item) : undefined;
  }

  async create(department: Department): Promise<void> {
    await this.table.put(toItem('department', keys.department(this.tenantId, department.id), department), {
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /** Replaces the department if it is still at `expectedVersion`. */
  async replace(department: Department, expectedVersion: number): Promise<void> {
    try {
      await this.table.put(toItem('department', keys.department(this.tenantId, department.id), department), {
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      });
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      if (!(await this.get(department.id))) throw new DomainError('not_found', 'Department not found');
      throw new DomainError(
        'version_conflict',
        `The department was changed by someone else (expected version ${expectedVersion}); reload it`,
      );
    }
  }

  async remove(departmentId: string): Promise<void> {
    try {
      await this.table.delete(keys.department(this.tenantId, departmentId), {
        condition: 'attribute_exists(pk)',
      });
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') {
        throw new DomainError('not_found', 'Department not found');
      }
      throw error;
    }
  }
}
