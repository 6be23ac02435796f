import { cn } from "../ui/cn";

/** The organization's logo, or its initial on its accent colour when it has none. */
export function OrganizationMark({ name, logoUrl, className }: { name: string; logoUrl: string | null; className?: string }) {
  if (logoUrl) {
    // A plain img: the logo is the organization's upload, served by our own route at its own size.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={logoUrl} alt={`${name} logo`} className={cn("h-8 w-auto max-w-40 object-contain", className)} />;
  }
  return (
    <span aria-hidden="true" className={cn("flex size-8 shrink-0 items-center justify-center rounded-lg bg-brand-600 text-sm font-semibold text-white", className)}>
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

export function logoUrlOf(organizationId: string, logoVersion: number | null): string | null {
  return logoVersion === null ? null : `/portal/logo/${organizationId}?v=${logoVersion}`;
}
