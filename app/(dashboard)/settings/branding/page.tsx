import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardOperator } from "@/server/auth/dashboard-operator";
import { serverCaller } from "@/server/trpc/server-caller";
import { SettingsTabs } from "../settings-tabs";
import { BrandingForm } from "./branding-form";
import { LogoForm } from "./logo-form";

export const metadata: Metadata = { title: "Branding" };

export default async function BrandingSettingsPage() {
  const trpc = await serverCaller();
  const [settings, signedIn] = await Promise.all([trpc.organization.brandingSettings(), getDashboardOperator()]);
  const organizationId = signedIn?.operator.organizationId ?? "";
  return (
    <>
      <PageHeader
        title="Branding"
        description="How the customer portal and its sign-in e-mails look to your customers."
        breadcrumb={[{ href: "/settings", label: "Settings" }]}
      />
      <SettingsTabs active="branding" />
      <div className="mt-6 grid gap-6">
        <Card>
          <CardHeader title="Logo" description="Shown at the top of every portal page. PNG, JPEG, WebP or GIF, up to 256 KB; a wide logo about 32 px tall looks best." />
          <CardBody>
            <LogoForm logoUrl={settings.logoVersion === null ? null : `/portal/logo/${organizationId}?v=${settings.logoVersion}`} organizationName={signedIn?.organization.name ?? ""} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Portal" description="The accent colour of buttons and links, and what customers may do themselves." />
          <CardBody>
            <BrandingForm settings={{ brandColor: settings.brandColor, portalCancellationAllowed: settings.portalCancellationAllowed }} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
