import { openSignedInvoicePayLink, type PayLinkAnswer } from "@/server/payments/hosted-checkout";

// The pay link e-mailed with an invoice or a failed payment (server/invoicing/invoice-links.ts):
// the signature is the credential. A GET opens a checkout, which is harmless to repeat: a reopen
// lands on the same checkout while it can still pay what the invoice owes.
export const dynamic = "force-dynamic";

const HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store", "x-robots-tag": "noindex, nofollow", "referrer-policy": "no-referrer" };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A short page for the person who clicked, in the checkout's look without its scripts. */
function page(status: number, title: string, text: string, organizationName?: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${escapeHtml(title)}</title>
<style>
  body{margin:0;min-height:100vh;display:flex;align-items:flex-start;justify-content:center;background:#fafafa;color:#18181b;font:14px/22px Inter,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Arial,sans-serif;-webkit-font-smoothing:antialiased}
  main{width:100%;max-width:420px;margin:64px 16px}
  .org{text-align:center;font-weight:600;font-size:15px;margin-bottom:20px}
  .card{background:#fff;border:1px solid #e4e4e7;border-radius:12px;padding:28px;box-shadow:0 1px 2px rgb(24 24 27/.05),0 4px 12px -2px rgb(24 24 27/.08)}
  h1{font-size:20px;line-height:28px;margin:0 0 6px;letter-spacing:-.01em}
  p{margin:0;color:#52525b}
  footer{margin-top:20px;text-align:center;font-size:12px;color:#a1a1aa}
</style></head>
<body><main>${organizationName ? `<div class="org">${escapeHtml(organizationName)}</div>` : ""}<div class="card"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></div><footer>Powered by EasyBilling</footer></main></body></html>`;
  return new Response(html, { status, headers: HEADERS });
}

function answer(result: PayLinkAnswer): Response {
  switch (result.kind) {
    case "redirect":
      return new Response(null, { status: 303, headers: { location: result.url, "cache-control": "private, no-store", "referrer-policy": "no-referrer" } });
    case "refused":
      return result.reason === "expired"
        ? page(410, "This payment link has expired", "Pay links work for 30 days. Open the latest e-mail about this invoice, or ask the sender for a new link.")
        : page(403, "This payment link is not valid", "The link is incomplete or was changed. Open it again from the e-mail you received.");
    case "not_found":
      return page(404, "Invoice not found", "There is no invoice to pay at this link.");
    case "nothing_to_pay": {
      const invoice = result.number ? `invoice ${result.number}` : "this invoice";
      const Invoice = result.number ? `Invoice ${result.number}` : "This invoice";
      const texts: Record<typeof result.state, [string, string]> = {
        paid: [`${Invoice} is paid`, "Nothing is due: thank you. There is nothing more to do here."],
        nothing_due: [`Nothing is due on ${invoice}`, "Credits or earlier payments cover it. There is nothing more to do here."],
        void: [`${Invoice} was cancelled`, "It was voided, so nothing is due on it."],
        in_progress: [`A payment of ${invoice} is in progress`, "Its result comes in a few minutes. Open this link again later if the invoice is still due then."],
      };
      const [title, text] = texts[result.state];
      return page(200, title, text, result.organizationName);
    }
  }
}

export async function GET(req: Request, { params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  return answer(await openSignedInvoicePayLink(invoiceId, new URL(req.url).searchParams.get("sig")));
}
