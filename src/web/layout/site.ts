import type { Config } from '../../config.ts';
import type { IndexingProgress } from '../../health/content-sync.ts';

/** What every part of the frame shares: the site's name, its links, the request's context. */

export const siteName = 'Repères';
export const tagline = 'Les bonnes pratiques des Entrepreneurs d’intérêt général';

/** What the layout needs to know about the request and the deployment. */
export interface PageContext {
  brand: Config['brand'];
  contactEmail: string | undefined;
  hostingInfo: string | undefined;
  /** Path of the current page, to mark the current navigation link. */
  path: string;
  /** Who is signed in, shown in the header with a sign-out button. */
  user?: { name: string; email: string; coordinator: boolean } | undefined;
  /** The anti-forgery token of this page's forms (signed-in people only). */
  csrfToken?: string | undefined;
  /** Whether the header offers "Se connecter" (sign-in wired). */
  signIn?: boolean | undefined;
  /** The first indexing since start, while it runs (a notice on every page). */
  indexing?: IndexingProgress | undefined;
}

export const navigation = [
  { href: '/', label: 'Accueil' },
  { href: '/parcours', label: 'Parcours' },
  { href: '/communaute', label: 'Communauté' },
  { href: '/ressources', label: 'Toutes les ressources' },
  { href: '/plan-du-site', label: 'Plan du site' },
];

export const footerLinks = [
  { href: '/plan-du-site', label: 'Plan du site' },
  { href: '/accessibilite', label: 'Accessibilité : non conforme' },
  { href: '/mentions-legales', label: 'Mentions légales' },
  { href: '/donnees-personnelles', label: 'Données personnelles' },
];
