// The orders the customer list offers are those the table has an index for; the adapter owns them.
export type { CustomerSort } from '@crm/dynamodb';
export { customerSorts } from '@crm/dynamodb';
