import { useMessages } from '../i18n/i18n-context.js';
import { type EventType, eventNameMessages } from './event-name-messages.js';

/**
 * An event type's name in the current language; the type itself for one this build has no name
 * for (an API newer than the SPA).
 *
 * @example
 * const eventName = useEventName();
 * eventName('customer.updated') // '客户已更新'
 */
export function useEventName(): (type: string) => string {
  const t = useMessages(eventNameMessages);
  // The translator answers an unknown key with the key: the raw type.
  return (type) => t(type as EventType);
}
