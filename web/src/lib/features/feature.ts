import type { RouteDefinition } from '@solidjs/router';
import type { Localized } from '../i18n/locale.js';
import type { IconName } from '../ui/icons.js';

/** A sidebar entry. Its label loads with the shell, before the feature's own (lazy) catalog. */
export type NavEntry = {
  href: string;
  label: Localized;
  /** The Chinese domain term (DOMAIN.md) shown beside the English label. */
  term?: string;
  icon: IconName;
  /** Position in the sidebar, ascending, within its section. */
  order: number;
  /**
   * Where it sits: the daily work, or the administration a few people configure once (grouped
   * under their own heading, so the work entries are not lost among the settings).
   */
  section?: NavSection;
  /**
   * Who sees it: staff (the default) or channel partners (经销商), whose sidebar shows only the
   * entries made for them (they can use little else: DOMAIN.md §2, 按权限共享).
   */
  audience?: NavAudience;
};

export type NavSection = 'work' | 'admin';
export type NavAudience = 'staff' | 'partners';

/** The entries one role sees in the sidebar. */
export function navFor(entries: readonly NavEntry[], role: string | undefined): NavEntry[] {
  const audience: NavAudience = role === 'partner' ? 'partners' : 'staff';
  return entries.filter((entry) => (entry.audience ?? 'staff') === audience);
}

/**
 * One feature folder's contribution to the shell: its routes (components lazy-loaded, so the
 * feature's code and messages stay out of the first page) and, optionally, its sidebar entry.
 * Register it in `web/src/features/registry.ts`.
 */
export type Feature = {
  id: string;
  nav?: NavEntry;
  /** Paths are absolute (`/customers/:id`); they render inside the logged-in shell. */
  routes: RouteDefinition[];
};

export function defineFeature(feature: Feature): Feature {
  return feature;
}
