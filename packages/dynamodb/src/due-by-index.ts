import type { TenantTable } from './tenant-table.js';

/**
 * One attribute of every item in a due-time index partition (sort key `<due>#<id>`) whose due
 * time is at or before `dueBy`, earliest first: the work list of a nightly pass (open complaints
 * and service requests past their SLA, service plans due, receivables past due). A due instant
 * or a calendar day both work: `#\uffff` takes in every id filed under `dueBy` itself.
 */
export async function dueByIndex(input: {
  table: TenantTable;
  index: 'gsi1' | 'gsi2';
  partition: string;
  dueBy: string;
  attribute: string;
}): Promise<string[]> {
  const items = await input.table.queryAll<Record<string, string>>({
    partitionValue: input.partition,
    IndexName: input.index,
    KeyConditionExpression: `${input.index}sk <= :dueBy`,
    ExpressionAttributeValues: { ':dueBy': `${input.dueBy}#\uffff` },
    ProjectionExpression: input.attribute,
  });
  return items.map((item) => item[input.attribute] as string);
}
