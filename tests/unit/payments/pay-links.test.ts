import { describe, expect, it } from "vitest";
import { checkInvoicePayLink, checkInvoicePdfLink, invoicePayUrl, invoicePdfUrl, PDF_LINK_TTL_MS } from "@/server/invoicing/invoice-links";

const NOW = new Date("2026-03-01T12:00:00Z");
const sigOf = (url: string) => new URL(url).searchParams.get("sig");

describe("e-mailed pay links", () => {
  it("open the invoice's checkout until they expire", () => {
    const url = invoicePayUrl("inv-1", NOW);
    expect(new URL(url).pathname).toBe("/pay/invoice/inv-1");
    expect(checkInvoicePayLink("inv-1", sigOf(url), NOW)).toBe("valid");
    expect(checkInvoicePayLink("inv-1", sigOf(url), new Date(NOW.getTime() + PDF_LINK_TTL_MS + 1000))).toBe("expired");
  });

  it("are signed for one invoice and one purpose: another invoice, a PDF link or a forged signature do not pass", () => {
    const pay = sigOf(invoicePayUrl("inv-1", NOW));
    expect(checkInvoicePayLink("inv-2", pay, NOW)).toBe("invalid");
    expect(checkInvoicePdfLink("inv-1", pay, NOW)).toBe("invalid");
    expect(checkInvoicePayLink("inv-1", sigOf(invoicePdfUrl("inv-1", NOW)), NOW)).toBe("invalid");
    expect(checkInvoicePayLink("inv-1", `${pay!.split("-")[0]}-forged`, NOW)).toBe("invalid");
    expect(checkInvoicePayLink("inv-1", null, NOW)).toBe("invalid");
  });
});
