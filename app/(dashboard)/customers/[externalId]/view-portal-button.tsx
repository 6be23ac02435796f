"use client";

import { ExternalLink } from "lucide-react";
import { useState } from "react";
import { formErrors, trpc } from "@/app/_trpc/client";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";

/** Opens the portal as this customer sees it, read-only, in a new tab. */
export function ViewPortalButton({ externalId }: { externalId: string }) {
  const [pending, setPending] = useState(false);
  const notice = useNotice();
  async function open() {
    // The tab opens now, inside the click, so no pop-up blocker stops it; it gets its address when the link is minted.
    const tab = window.open("about:blank", "_blank");
    setPending(true);
    try {
      const { url } = await trpc.portalSessions.preview.mutate({ externalId });
      if (tab) tab.location.href = url;
      else window.location.href = url;
    } catch (error) {
      tab?.close();
      notice(formErrors(error).message);
    } finally {
      setPending(false);
    }
  }
  return (
    <Button variant="secondary" loading={pending} onClick={() => void open()}>
      <ExternalLink className="size-4" /> View portal as this customer
    </Button>
  );
}
