import type { Db } from "../db";

export interface PortalBranding {
  organizationId: string;
  name: string;
  brandColor: string | null;
  logoVersion: number | null;
}

/** What the signed-out pages show of an organization: its name, colour and logo (none of it secret). */
export async function getPortalBranding(db: Db, organizationId: string): Promise<PortalBranding | null> {
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, brandColor: true, logo: { select: { updatedAt: true } } },
  });
  if (!organization) return null;
  return { organizationId: organization.id, name: organization.name, brandColor: organization.brandColor, logoVersion: organization.logo?.updatedAt.getTime() ?? null };
}

/** The logo's bytes for the portal's logo route. */
export function getOrganizationLogo(db: Db, organizationId: string) {
  return db.organizationLogo.findUnique({ where: { organizationId }, select: { contentType: true, data: true, updatedAt: true } });
}
