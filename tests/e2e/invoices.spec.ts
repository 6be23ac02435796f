import { expect, test, type APIRequestContext } from "@playwright/test";
import { createApiKey, shot, signUp } from "./helpers";
import { randomBytes } from "node:crypto";

// Fixed dates, whatever today is: the contract starts on Jan 1, 2026 and billing runs as of Feb 1,
// 2026 00:00 (the "As of" field is read in the browser's zone, pinned to UTC here).
const CONTRACT_START = "2026-01-01T00:00:00.000Z";
const BILLED_AS_OF = "2026-02-01T00:00";
test.use({ timezoneId: "UTC" });

/**
 * Through the REST API: an event schema, a sum metric, a plan with a $49 seat (in advance) and
 * tokens at $0.002 each, a customer taxed 10 % on a contract from Jan 1, 2026, and 5,000 tokens
 * used in January. The opening invoice is $49 + $4.90 tax; the one closing January is
 * 5,000 × $0.002 = $10 of usage plus February's $49 seat, + 10 %: $64.90.
 * The opening invoice may be issued when the contract is created or by the first billing run.
 */
async function seedCatalogAndUsage(request: APIRequestContext, secret: string) {
  const headers = { authorization: `Bearer ${secret}` };
  const post = async (path: string, data: unknown) => {
    const response = await request.post(`/api/v1${path}`, { headers, data });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return response.json();
  };
  await post("/event-schemas", { code: "llm.completion", name: "LLM completion", fields: [{ name: "tokens", type: "integer", required: true }] });
  await post("/metrics", { code: "tokens", name: "Tokens", eventType: "llm.completion", aggregation: "sum", field: "tokens" });
  await post("/plans", {
    code: "pro",
    name: "Pro",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "flat", name: "Seat", amount: "49.00" },
      { type: "usage", name: "Tokens", metric: "tokens", model: "per_unit", unitPrice: "0.002" },
    ],
  });
  await post("/customers", { externalId: "acme", name: "Acme AI", email: "billing@acme.test", currency: "USD", taxRate: "0.1" });
  const start = new Date(CONTRACT_START);
  await post("/customers/acme/contracts", { planCode: "pro", startsAt: CONTRACT_START });
  const day = (n: number) => new Date(start.getTime() + (n - 1) * 86_400_000 + 12 * 3_600_000).toISOString();
  const batch = await post("/events/batch", {
    events: [
      { id: `evt-${randomBytes(6).toString("hex")}`, customer: "acme", type: "llm.completion", timestamp: day(2), properties: { tokens: 1000 } },
      { id: `evt-${randomBytes(6).toString("hex")}`, customer: "acme", type: "llm.completion", timestamp: day(10), properties: { tokens: 2500 } },
      { id: `evt-${randomBytes(6).toString("hex")}`, customer: "acme", type: "llm.completion", timestamp: day(20), properties: { tokens: 1500 } },
    ],
  });
  expect(batch).toMatchObject({ accepted: 3, rejected: 0 });
}

test("billing runs from the dashboard and the closing invoice shows its lines, totals, PDF and history", async ({ page, request }) => {
  await signUp(page, "Invoicing AI");
  const secret = await createApiKey(page);
  await seedCatalogAndUsage(request, secret);

  await page.goto("/invoices");
  await expect(page.getByRole("heading", { name: "Invoices", level: 1 })).toBeVisible();

  // "As of" later than now is refused by the server, under the field.
  await page.getByLabel("As of").fill("2099-01-01T00:00");
  await page.getByRole("button", { name: "Run billing now" }).click();
  await expect(page.getByText("must not be later than now")).toBeVisible();
  await expect(page.getByLabel("As of")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "invoices-run-as-of-error");
  await page.getByLabel("As of").fill(BILLED_AS_OF);

  await page.getByRole("button", { name: "Run billing now" }).click();
  const result = page.getByRole("status").filter({ hasText: /invoices? created/ });
  const created = result.getByRole("list", { name: "Invoices created" }).getByRole("listitem");
  // The invoice closing January, and the opening one unless the contract's creation issued it.
  await expect(created.filter({ hasText: "$64.90" })).toHaveCount(1);
  await expect(created.filter({ hasText: "$64.90" })).toContainText("Jan 1 – Jan 31, 2026 · Closing");
  await expect(created.filter({ hasText: "Jan 1 – Jan 31, 2026" })).toHaveCount(await created.count());

  // The list: both invoices, open (no grace period), and their totals in the footer.
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("row", { name: /\$64\.90/ })).toContainText("Open");
  const footer = page.getByRole("table").locator("tfoot");
  await expect(footer).toContainText("Total USD (2 invoices, void excluded)");
  await expect(footer).toContainText("$118.80");
  await expect(page.getByRole("navigation", { name: "Invoice status" }).getByRole("link", { name: "Open 2" })).toBeVisible();
  await shot(page, "invoices-after-run");

  // Running again creates nothing new.
  await page.getByLabel("As of").fill(BILLED_AS_OF);
  await page.getByRole("button", { name: "Run billing now" }).click();
  await expect(page.getByText("No invoices created")).toBeVisible();

  // The invoice closing the previous month.
  await page.getByRole("row", { name: /\$64\.90/ }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^INV-\d{6}$/);
  await expect(page.getByRole("main")).toContainText("Closing invoice, Jan 1 – Jan 31, 2026");
  await expect(page.getByRole("main").getByText("Open").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Acme AI" }).first()).toHaveAttribute("href", "/customers/acme");

  const lines = page.getByRole("table", { name: "Invoice lines" });
  const tokens = lines.getByRole("row", { name: /Tokens/ });
  await expect(tokens).toContainText("5,000");
  await expect(tokens).toContainText("$0.002");
  await expect(tokens).toContainText("$10.00");
  const seat = lines.getByRole("row", { name: /Seat/ });
  await expect(seat).toContainText("$49.00");
  // Grouped by period: the closed month's usage, then the next month's seat in advance.
  await expect(lines.getByRole("columnheader", { name: "Jan 1 – Jan 31, 2026", exact: true })).toBeVisible();
  await expect(lines.locator("tbody")).toHaveCount(2);
  await expect(lines.getByRole("columnheader", { name: /next period, in advance/ })).toBeVisible();
  await expect(lines.getByRole("row", { name: /^Subtotal/ })).toContainText("$59.00");
  await expect(lines.getByRole("row", { name: /^Tax/ })).toContainText("$5.90");
  await expect(lines.getByRole("row", { name: /^Total/ })).toContainText("$64.90");
  await expect(lines.getByRole("row", { name: /^Amount due/ })).toContainText("$64.90");

  const history = page.getByRole("list", { name: "Status history" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history).toContainText("Created as a draft");
  await expect(history).toContainText("Finalized");
  await shot(page, "invoice-open");

  // The PDF link answers with a PDF, using the dashboard session.
  const pdfHref = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
  expect(pdfHref).toMatch(/^\/api\/v1\/invoices\/[0-9a-f-]{36}\/pdf$/);
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // Open → void, with a confirmation stating the effect; then no actions are left.
  await page.getByRole("button", { name: "Void", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("$64.90 is no longer due");
  await dialog.getByRole("button", { name: "Void invoice" }).click();
  await expect(page.getByText("This invoice is void")).toBeVisible();
  await expect(history.getByRole("listitem")).toHaveCount(3);
  await expect(history).toContainText("Voided");
  await expect(page.getByRole("button", { name: "Mark uncollectible" })).toHaveCount(0);
  await shot(page, "invoice-void");

  // Filters: status tabs, customer search and period month, all in the URL.
  await page.goto("/invoices");
  await page.getByRole("navigation", { name: "Invoice status" }).getByRole("link", { name: "Void 1" }).click();
  await expect(page).toHaveURL(/status=void/);
  await expect(rows).toHaveCount(1);
  await page.getByLabel("Customer").fill("nobody");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/customer=nobody/);
  await expect(page.getByText("No invoices match")).toBeVisible();
  await page.goto("/invoices?customer=ACM&period=2026-01");
  await expect(rows).toHaveCount(2);
  await expect(footer).toContainText("Total USD (1 invoice, void excluded)");
  await expect(footer).toContainText("$53.90");
  await shot(page, "invoices-filtered");
});

test("a draft during the grace period takes an adjustment and is finalized", async ({ page, request }) => {
  await signUp(page, "Invoicing AI");
  const secret = await createApiKey(page);
  await seedCatalogAndUsage(request, secret);

  // Billing settings: field errors from the server, then a prefix and a 24-hour grace period.
  await page.goto("/settings/billing");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings");
  // The next number: the contract's opening invoice may already have taken the first one.
  await expect(page.getByText(/^INV-\d{6}$/)).toBeVisible();
  await page.getByLabel("Invoice number prefix").fill("acme_");
  await page.getByLabel("Grace period (hours)").fill("-1");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("must be 1–12 capital letters, digits or dashes")).toBeVisible();
  await expect(page.getByText("must not be negative")).toBeVisible();
  await shot(page, "settings-billing-errors");
  await page.getByLabel("Invoice number prefix").fill("ACME");
  await page.getByLabel("Grace period (hours)").fill("24");
  await page.getByLabel("Net terms (days)").fill("14");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Billing settings saved.")).toBeVisible();
  await expect(page.getByText(/^ACME-\d{6}$/)).toBeVisible();
  await shot(page, "settings-billing");

  await page.goto("/invoices");
  await page.getByLabel("As of").fill(BILLED_AS_OF);
  await page.getByRole("button", { name: "Run billing now" }).click();
  const result = page.getByRole("status").filter({ hasText: /invoices? created/ });
  const closing = result.getByRole("list", { name: "Invoices created" }).getByRole("listitem").filter({ hasText: "$59.00 before tax" });
  await expect(closing).toContainText("Draft");
  await expect(page.getByRole("navigation", { name: "Invoice status" }).getByRole("link", { name: /^Draft [12]$/ })).toHaveAttribute("href", "/invoices?status=draft");
  await shot(page, "invoices-drafts");

  await closing.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Draft invoice", level: 1 })).toBeVisible();
  const lines = page.getByRole("table", { name: "Invoice lines" });
  await expect(lines.getByRole("row", { name: /^Total/ })).toContainText("$64.90");

  // An adjustment: the server's field error under the amount, then a $9 discount.
  await page.getByRole("button", { name: "Add adjustment" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Description").fill("Onboarding discount");
  await dialog.getByLabel("Amount (USD)").fill("-9.001");
  await dialog.getByRole("button", { name: "Add line" }).click();
  await expect(dialog.getByText("must not have more decimals than USD has")).toBeVisible();
  await expect(dialog.getByLabel("Amount (USD)")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "invoice-adjustment-error");
  await dialog.getByLabel("Amount (USD)").fill("-9.00");
  await dialog.getByRole("button", { name: "Add line" }).click();
  await expect(dialog).toBeHidden();
  await expect(lines.getByRole("row", { name: /Onboarding discount/ })).toContainText("-$9.00");
  await expect(lines.getByRole("row", { name: /^Subtotal/ })).toContainText("$50.00");
  await expect(lines.getByRole("row", { name: /^Total/ })).toContainText("$55.00");
  await shot(page, "invoice-draft");

  // Refresh usage keeps the adjustment.
  await page.getByRole("button", { name: "Refresh usage" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Refresh usage" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(lines.getByRole("row", { name: /Onboarding discount/ })).toBeVisible();
  await expect(lines.getByRole("row", { name: /^Subtotal/ })).toContainText("$50.00");

  await page.getByRole("button", { name: "Finalize", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Finalize invoice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^ACME-00000\d$/);
  await expect(page.getByRole("main").getByText("Open").first()).toBeVisible();
  await expect(lines.getByRole("row", { name: /^Amount due/ })).toContainText("$55.00");
  await expect(page.getByRole("button", { name: "Add adjustment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mark uncollectible" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Status history" })).toContainText("Finalized");
  await shot(page, "invoice-finalized");

  // A correction: a credit note on the tokens line. Too much for the line is refused under the amount.
  await page.getByRole("button", { name: "Issue credit note" }).click();
  const note = page.getByRole("dialog");
  await note.getByLabel("An amount").check();
  await note.getByLabel("Invoice line").selectOption({ label: "Tokens ($10.00)" });
  await expect(note.getByText("The invoice's tax rate (10 %) is added.")).toBeVisible();
  await note.getByLabel("Amount before tax (USD)").fill("10.01");
  await note.getByRole("button", { name: "Issue credit note" }).click();
  await expect(note.getByText("must not exceed what is left to credit on invoice line 0 (10.00)")).toBeVisible();
  await shot(page, "credit-note-error");
  await note.getByLabel("Amount before tax (USD)").fill("5.00");
  await note.getByLabel("Memo").fill("Tokens double counted on the 10th");
  await note.getByRole("button", { name: "Issue credit note" }).click();
  await expect(note).toBeHidden();
  const notes = page.getByRole("table", { name: "Credit notes" });
  const first = notes.getByRole("row", { name: /-CN-01/ });
  await expect(first).toContainText("Billing error");
  await expect(first).toContainText("Tokens double counted on the 10th");
  await expect(first).toContainText("$5.50");
  await expect(lines.getByRole("row", { name: /^Credit notes/ })).toContainText("-$5.50");
  await expect(lines.getByRole("row", { name: /^Amount due/ })).toContainText("$49.50");
  // Once corrected, an invoice is credited further rather than voided.
  await expect(page.getByRole("button", { name: "Void", exact: true })).toHaveCount(0);
  await shot(page, "invoice-credit-note");

  // Everything left: nothing is due any more, so the invoice is paid.
  await page.getByRole("button", { name: "Issue credit note" }).click();
  await note.getByLabel("Reason").selectOption("order_change");
  await note.getByRole("button", { name: "Issue credit note" }).click();
  await expect(note).toBeHidden();
  await expect(notes.getByRole("row", { name: /-CN-02/ })).toContainText("$49.50");
  await expect(lines.getByRole("row", { name: /^Amount due/ })).toContainText("$0.00");
  await expect(page.getByRole("list", { name: "Status history" })).toContainText("Paid");
});
