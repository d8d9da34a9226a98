import { useEventName } from '../../lib/events/use-event-name.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { isEventGroup, webhooksMessages } from './messages.js';

/**
 * What an endpoint subscribes to, in words: `*` all events, `customer.*` a group's events, else
 * the event's name. A pattern the SPA cannot name (`credit.hold.*`) stays as typed.
 */
export function useEventPatternName(): (pattern: string) => string {
  const t = useMessages(webhooksMessages);
  const eventName = useEventName();
  return (pattern) => {
    if (pattern === '*') return t('pattern.all');
    if (!pattern.endsWith('.*')) return eventName(pattern);
    const group = pattern.slice(0, -2);
    return isEventGroup(group) ? t('create.all', { group: t(`group.${group}`) }) : pattern;
  };
}
