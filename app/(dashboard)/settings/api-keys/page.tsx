import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { serverCaller } from "@/server/trpc/server-caller";
import { operatorMay } from "../../operator-may";
import { SettingsTabs } from "../settings-tabs";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyButton } from "./create-api-key-button";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const trpc = await serverCaller();
  const [keys, may] = await Promise.all([trpc.apiKeys.list(), operatorMay()]);
  return (
    <>
      <PageHeader title="Settings" description="Your organization, its members and API access." />
      <SettingsTabs active="api-keys" />
      <Card className="mt-6">
        <CardHeader
          title="API keys"
          description="Services send usage and read balances and invoices with these keys (Authorization: Bearer <key>)."
          actions={may("apiKeys.create") ? <CreateApiKeyButton /> : undefined}
        />
        <ApiKeysTable keys={keys} canRevoke={may("apiKeys.revoke")} />
      </Card>
    </>
  );
}
