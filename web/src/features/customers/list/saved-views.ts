import type { ListState } from './list-query.js';

/** A named list state a user kept. */
export type SavedView = { name: string; state: Partial<Record<keyof ListState, string>> };

/**
 * The API keeps no saved views, so they live in this browser's localStorage, one list per tenant
 * and user (a shared computer's other users, or the same person in another tenant, see their own).
 */
export function savedViewsKey(tenantId: string, userId: string): string {
  return `crm.customers.views.${tenantId}.${userId}`;
}

function isSavedView(value: unknown): value is SavedView {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as { name?: unknown; state?: unknown };
  return typeof view.name === 'string' && typeof view.state === 'object' && view.state !== null;
}

export function readSavedViews(storage: Storage, key: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSavedView) : [];
  } catch {
    return [];
  }
}

/** Adds or replaces (same name) a view; the list stays sorted by name. */
export function withView(views: readonly SavedView[], view: SavedView): SavedView[] {
  return [...views.filter((existing) => existing.name !== view.name), view].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

export function writeSavedViews(storage: Storage, key: string, views: readonly SavedView[]): void {
  storage.setItem(key, JSON.stringify(views));
}
