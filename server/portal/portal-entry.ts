import { db } from "../db";
import { getOrganizationLogo, getPortalBranding } from "./branding";
import { requestPortalSignInLinks } from "./magic-links";
import { endPortalSession, openPortalLink } from "./portal-sessions";

// The signed-out side of the portal, bound to the app's database for its routes and pages (app/
// never holds the database client): opening a link, signing out, the sign-in page's branding and
// the logo, and asking for a link by e-mail.

export const openPortalLinkToken = (token: string, now = new Date()) => openPortalLink(db, token, now);
export const signOutPortalSession = (secret: string, now = new Date()) => endPortalSession(db, secret, now);
export const portalBrandingOf = (organizationId: string) => getPortalBranding(db, organizationId);
export const portalLogoOf = (organizationId: string) => getOrganizationLogo(db, organizationId);
export const emailPortalSignInLinks = (input: { email: string; organizationId: string | null }, now = new Date()) => requestPortalSignInLinks(db, input, now);
