import type { Complaint } from './complaint.schema.js';
import { defaultComplaintSlaPolicy } from './complaint.schema.js';
import { recordComplaint } from './record-complaint.js';

export const FIXTURE_CUSTOMER_ID = '01JCUSTOMER000000000000001';

/** A complaint as recorded under the default SLA policy: the tests' starting point. */
export function recordedComplaint(options: {
  now: Date;
  severity?: Complaint['severity'];
  summary?: string;
  role?: 'owner' | 'member';
}): Complaint {
  return recordComplaint({
    id: '01JCOMPLAINT0000000000001',
    input: {
      customerId: FIXTURE_CUSTOMER_ID,
      summary: options.summary ?? 'Parcel arrived broken',
      category: 'delivery',
      severity: options.severity ?? 'high',
      channel: 'phone',
      attachments: [],
    },
    actor: { actorId: options.role === 'member' ? 'u' : 'u-owner', role: options.role ?? 'owner' },
    policy: defaultComplaintSlaPolicy,
    now: options.now,
  });
}
