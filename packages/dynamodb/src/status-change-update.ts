/**
 * The parts of an update that moves a workflow item (an alert, a task) by `set`, stamped with who
 * and when, only while its status is one of `from`: the SET clauses, the names and values they
 * use, and the status condition. Callers add their own index keys and guards (a version) to them.
 *
 * @example
 * const update = statusChangeUpdate({ from: ['open'], set: { status: 'done' }, at, by });
 * table.update({ Key, UpdateExpression: `SET ${update.sets.join(', ')}`,
 *   ConditionExpression: `attribute_exists(pk) AND ${update.statusCondition}`,
 *   ExpressionAttributeNames: update.names, ExpressionAttributeValues: update.values });
 */
export function statusChangeUpdate(change: {
  from: readonly string[];
  set: Record<string, unknown>;
  at: string;
  by: string;
}): {
  sets: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
  statusCondition: string;
} {
  const names: Record<string, string> = {
    '#status': 'status',
    '#updatedAt': 'updatedAt',
    '#updatedBy': 'updatedBy',
  };
  const values: Record<string, unknown> = { ':updatedAt': change.at, ':updatedBy': change.by };
  const sets = ['#updatedAt = :updatedAt', '#updatedBy = :updatedBy'];
  for (const [field, value] of Object.entries(change.set)) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  change.from.forEach((status, index) => {
    values[`:from${index}`] = status;
  });
  const statusCondition = `#status IN (${change.from.map((_, index) => `:from${index}`).join(', ')})`;
  return { sets, names, values, statusCondition };
}
