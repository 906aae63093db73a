// The portal's main pages for each kind of visitor: what the page check (screenshots, overflow, axe)
// and the Lighthouse bench visit. Built from the sidebar itself, so a new navigation item is covered
// the day it appears; the pages the sidebar does not list are added here.
import { navigationFor } from '@/lib/auth/navigation';

/** A consultant belongs to two organizations (a manager at Acme, the first they joined, and an agent at Globex). */
export type Visitor = 'superadmin' | 'admin' | 'manager' | 'agent' | 'consultant' | 'signed-out';

/**
 * The pages of single integrations the admin's check visits, by provider id. Each must exist: a
 * provider page that is missing answers 404, which fails the check instead of passing unnoticed.
 */
export const integrationPageTypes = ['twilio', 'meta_whatsapp', 'stripe'] as const;

export interface MainPage {
  path: string;
  /** The page's name in screenshot file names: its path without ids or punctuation. */
  slug: string;
}

/** Ids the paths need: Acme is the demo organization every check looks at. */
export interface PageIds {
  acme: string;
}

function sidebar(visitor: Exclude<Visitor, 'signed-out'>): string[] {
  // A consultant works in the organization they joined first until they switch: Acme, as a manager.
  const input = visitor === 'superadmin' ? { isSuperadmin: true, role: null } : { isSuperadmin: false, role: visitor === 'consultant' ? 'manager' : visitor };
  return navigationFor(input).flatMap((section) => section.items.map((item) => item.href));
}

function extras(visitor: Visitor, ids: PageIds): string[] {
  switch (visitor) {
    case 'superadmin':
      return [`/admin/tenants/${ids.acme}/whatsapp`, '/settings/profile'];
    case 'admin':
      return [
        ...integrationPageTypes.map((type) => `/settings/integrations/${type}`),
        '/settings/integrations/sending',
        '/settings/team?tab=phone-numbers',
        '/settings/profile',
      ];
    case 'manager':
    case 'consultant':
      return ['/settings/team?tab=phone-numbers', '/settings/profile'];
    case 'agent':
      return ['/settings/profile'];
    case 'signed-out':
      return ['/login'];
  }
}

export function pageSlug(path: string, ids: PageIds): string {
  return (
    path
      .replace(ids.acme, 'acme')
      .replace(/[?&]tab=/g, '-')
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'home'
  );
}

/** The visitor's main pages, the sidebar's first, each once. */
export function mainPages(visitor: Visitor, ids: PageIds): MainPage[] {
  const paths = [...(visitor === 'signed-out' ? [] : sidebar(visitor)), ...extras(visitor, ids)];
  return [...new Set(paths)].map((path) => ({ path, slug: pageSlug(path, ids) }));
}
