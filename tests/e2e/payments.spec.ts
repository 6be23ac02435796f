import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createApiKey, post, shot, shotBothWidths, signUp } from "./helpers";

// Fixed dates, whatever today is: a contract from Jan 1, 2026 with a $49 monthly fee billed in
// advance, and a billing run as of Feb 1, 2026 (both in the past): the invoices it leaves are open
// for $49.00 each (no tax, no grace period), and the customer has no card yet, so none is charged.
const CONTRACT_START = "2026-01-01T00:00:00Z";
const BILLED_AS_OF = "2026-02-01T00:00:00Z";
test.use({ timezoneId: "UTC" });

interface OpenInvoice {
  id: string;
  number: string;
  amountDue: string;
}

async function get(request: APIRequestContext, key: string, path: string) {
  const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

/** An organization (signed up in the dashboard), its API key, and customer "acme" with an open $49 invoice. */
async function setUp(page: Page, request: APIRequestContext, label: string) {
  const { organizationName } = await signUp(page, label);
  const key = await createApiKey(page);
  await post(request, key, "/plans", { code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Team plan", amount: "49.00" }] });
  await post(request, key, "/customers", { externalId: "acme", name: "Acme AI", email: "billing@acme.test", currency: "USD" });
  await post(request, key, "/customers/acme/contracts", { planCode: "team", startsAt: CONTRACT_START });
  await post(request, key, "/billing-runs", { asOf: BILLED_AS_OF });
  const { data } = (await get(request, key, "/invoices?customer=acme&status=open")) as { data: OpenInvoice[] };
  expect(data.length).toBeGreaterThan(0);
  const invoice = data[0]!;
  expect(invoice.amountDue).toBe("49.00");
  return { organizationName, key, invoice };
}

/** A sandbox checkout for the invoice, as a service would make it through the API. */
async function checkoutFor(request: APIRequestContext, key: string, invoiceId: string): Promise<string> {
  const { url } = (await post(request, key, "/customers/acme/checkout-sessions", { purpose: "invoice", invoiceId })) as { url: string };
  expect(url).toMatch(/\/pay\/cs_[0-9a-f]+$/);
  return url;
}

async function paymentsOf(request: APIRequestContext, key: string, invoiceId: string) {
  return ((await get(request, key, `/payments?invoice=${invoiceId}`)) as { data: { status: string; amount: string; failureCode?: string | null }[] }).data;
}

test("an operator saves a sandbox card for a customer and pays an open invoice on the sandbox page; the invoice shows paid, with the payment on it", async ({ page, request }) => {
  const { organizationName, invoice } = await setUp(page, request, "Payments AI");

  // The customer's page: attach the 4242 test card (the sandbox gateway's own controls).
  await page.goto("/customers/acme");
  const methods = page.locator("section").filter({ has: page.getByRole("heading", { name: "Payment methods" }) });
  await methods.getByLabel("Test card").selectOption("4242424242424242");
  await methods.getByRole("button", { name: "Attach" }).click();
  await expect(methods).toContainText("4242");

  // The invoice's payment link, followed to the sandbox's hosted page.
  await page.goto(`/invoices/${invoice.id}`);
  await page.getByRole("button", { name: "Payment link" }).click();
  const open = page.getByRole("link", { name: "Open payment page" });
  const href = await open.getAttribute("href");
  expect(href).toMatch(/\/pay\/cs_[0-9a-f]+$/);
  await page.goto(href!);

  await expect(page.getByText(`Invoice ${invoice.number} · `)).toBeVisible();
  await expect(page.getByTestId("checkout-amount")).toHaveText("$49.00");
  await expect(page.getByText(organizationName).first()).toBeVisible();
  await expect(page.getByText("billing@acme.test")).toBeVisible();
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: "Pay $49.00" }).click();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Payment received" })).toContainText(invoice.number);

  // Back in the dashboard: paid, with the succeeded payment.
  await page.goto(`/invoices/${invoice.id}`);
  await expect(page.getByRole("main").getByText("Paid", { exact: true }).first()).toBeVisible();
  const payments = page.locator("section").filter({ has: page.getByRole("heading", { name: "Payments", exact: true }) });
  await expect(payments).toContainText(/succeeded/i);
  await expect(payments).toContainText("$49.00");
});

test("a 3-D Secure card asks the customer to authorize; Authorize pays the invoice", async ({ page, request }) => {
  const { organizationName, key, invoice } = await setUp(page, request, "Secure AI");
  const url = await checkoutFor(request, key, invoice.id);
  await page.goto(url);

  await expect(page.getByRole("heading", { name: "Pay with card" })).toBeVisible();
  await expect(page.getByText(new RegExp(`^Invoice ${invoice.number} · [A-Z][a-z]{2} \\d{1,2} – [A-Z][a-z]{2} \\d{1,2}, 2026$`))).toBeVisible();
  // Every test card is listed; clicking one fills the number in.
  const cards = page.getByRole("region", { name: "Sandbox — test cards" });
  for (const number of ["4242 4242 4242 4242", "4000 0000 0000 0341", "4000 0000 0000 9995", "4000 0025 0000 3155", "4000 0000 0000 9987"]) await expect(cards).toContainText(number);
  await cards.getByRole("button", { name: /4000 0025 0000 3155/ }).click();
  await expect(page.getByLabel("Card number")).toHaveValue("4000 0025 0000 3155");
  await shotBothWidths(page, "pay-form");

  // The bank's prompt; Cancel charges nothing and keeps the page payable.
  await page.getByRole("button", { name: "Pay $49.00" }).click();
  const prompt = page.getByRole("dialog", { name: `Authorize this payment of $49.00 to ${organizationName}?` });
  await expect(prompt).toBeVisible();
  await shotBothWidths(page, "pay-authorize");
  await prompt.getByRole("button", { name: "Cancel" }).click();
  await expect(prompt).toBeHidden();
  await expect(page.getByText("nothing was charged")).toBeVisible();
  expect(await paymentsOf(request, key, invoice.id)).toEqual([]);

  await page.getByRole("button", { name: "Pay $49.00" }).click();
  await prompt.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(page.getByText("Amount paid")).toBeVisible();
  await shotBothWidths(page, "pay-success");

  expect((await get(request, key, `/invoices/${invoice.id}`)).status).toBe("paid");
  expect(await paymentsOf(request, key, invoice.id)).toEqual([expect.objectContaining({ status: "succeeded", amount: "49.00" })]);

  // Reopened, the link shows the receipt; the gateway's return page thanks the customer.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await expect(page.getByLabel("Card number")).toHaveCount(0);
  await page.goto(`${url}/done`);
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
});

test("a declined card shows the gateway's message and the invoice stays payable with another card", async ({ page, request }) => {
  const { key, invoice } = await setUp(page, request, "Declined AI");
  const url = await checkoutFor(request, key, invoice.id);
  // A second checkout for the same invoice: waiting while open, expired once the first one pays.
  const other = await checkoutFor(request, key, invoice.id);
  await page.goto(`${other}/done`);
  await expect(page.getByRole("heading", { name: "We're confirming your payment…" })).toBeVisible();
  await page.goto(url);

  await page.getByLabel("Card number").fill("4000000000000341");
  await expect(page.getByLabel("Card number")).toHaveValue("4000 0000 0000 0341");
  await page.getByRole("button", { name: "Pay $49.00" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your card was declined." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay $49.00" })).toBeEnabled();
  await shot(page, "pay-declined");
  expect((await get(request, key, `/invoices/${invoice.id}`)).status).toBe("open");
  expect(await paymentsOf(request, key, invoice.id)).toEqual([expect.objectContaining({ status: "failed", failureCode: "card_declined" })]);

  // A number that is not a test card is refused under the field; then a good card pays.
  await page.getByLabel("Card number").fill("4111 1111 1111 1111");
  await page.getByRole("button", { name: "Pay $49.00" }).click();
  await expect(page.getByText("not one of the sandbox's test cards")).toBeVisible();
  await expect(page.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: "Pay $49.00" }).click();
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
  expect((await get(request, key, `/invoices/${invoice.id}`)).status).toBe("paid");

  await page.goto(other);
  await expect(page.getByRole("heading", { name: "This payment link has expired" })).toBeVisible();
  await expect(page.getByLabel("Card number")).toHaveCount(0);
  await shotBothWidths(page, "pay-expired");
  await page.goto(`${other}/done`);
  await expect(page.getByRole("heading", { name: "This payment link has expired" })).toBeVisible();
});

test("unknown checkouts and pay links that are not signed get a clear answer", async ({ page }) => {
  const unknown = await page.goto("/pay/cs_0123456789abcdef0123456789abcdef");
  expect(unknown?.status()).toBe(404);
  const unsigned = await page.goto("/pay/invoice/00000000-0000-0000-0000-000000000000");
  expect(unsigned?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This payment link is not valid" })).toBeVisible();
  const forged = await page.goto("/pay/invoice/00000000-0000-0000-0000-000000000000?sig=9999999999-AAAA");
  expect(forged?.status()).toBe(403);
});

test("an operator refunds part of a payment from its page; the credit note appears on the invoice; a sandbox dispute lost takes the rest", async ({ page, request }) => {
  const { key, invoice } = await setUp(page, request, "Refunds AI");
  await post(request, key, "/customers/acme/payment-methods", { sandboxCard: "4242424242424242" });
  const paid = (await post(request, key, `/invoices/${invoice.id}/pay`, {})) as { status: string; payment: { id: string; status: string } };
  expect(paid).toMatchObject({ status: "paid", payment: { status: "succeeded" } });

  await page.goto(`/payments/${paid.payment.id}`);
  await page.getByRole("button", { name: "Refund" }).click();
  const dialog = page.getByRole("dialog", { name: "Refund payment" });
  await expect(dialog.getByLabel("Amount (USD)")).toHaveValue("49.00");
  // Past what was paid: refused, named, nothing refunded.
  await dialog.getByLabel("Amount (USD)").fill("60.00");
  await dialog.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("more than what is left to refund on this payment (49.00 USD)");
  await dialog.getByLabel("Amount (USD)").fill("19.00");
  await dialog.getByLabel("Reason").fill("Outage on Jan 12");
  await dialog.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(page.getByText(new RegExp(`Refunded 19.00 USD; credit note ${invoice.number}-CN-01 issued`))).toBeVisible();
  const refunds = page.getByRole("list", { name: "Refunds" });
  await expect(refunds).toContainText("$19.00");
  await expect(refunds).toContainText("Outage on Jan 12");
  await expect(page.getByText("Partially refunded").first()).toBeVisible();
  await shotBothWidths(page, "payment-refunded");

  await refunds.getByRole("link", { name: `${invoice.number}-CN-01` }).click();
  await expect(page).toHaveURL(new RegExp(`/invoices/${invoice.id}#credit-notes$`));
  const notes = page.getByRole("table", { name: "Credit notes" });
  await expect(notes).toContainText(`${invoice.number}-CN-01`);
  await expect(notes).toContainText("Refund");
  await expect(notes).toContainText("Outage on Jan 12");
  await expect(notes.getByRole("cell", { name: "$19.00" }).first()).toBeVisible();

  // The sandbox plays the customer's bank: a dispute stops refunds; lost, it takes back what was left.
  await page.goto(`/payments/${paid.payment.id}`);
  await page.getByRole("button", { name: "Simulate a dispute" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Disputed" })).toContainText("disputing $30.00");
  await expect(page.getByRole("button", { name: "Refund" })).toHaveCount(0);
  await page.getByRole("button", { name: "Lose the dispute" }).click();
  await expect(page.getByText("Dispute lost: the amount was recorded as returned, with a credit note.")).toBeVisible();
  await expect(refunds).toContainText("lost dispute");
  await expect(page.getByText("Refunded", { exact: true }).first()).toBeVisible();
  await shotBothWidths(page, "payment-dispute-lost");
});

test("an operator sets top-up bounds, the dunning block and reminders in Settings → Payments, and sets up a customer's auto-recharge", async ({ page, request }) => {
  const { key } = await setUp(page, request, "Recharge AI");

  await page.goto("/settings/payments");
  await page.getByLabel("Top-up minimum").fill("500");
  await page.getByLabel("Top-up maximum").fill("100");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/must be at least the minimum|at least the top-up minimum/i).first()).toBeVisible();
  await page.getByLabel("Top-up minimum").fill("10.00");
  await page.getByLabel("Top-up maximum").fill("500.00");
  await page.getByLabel("Block prepaid usage after the last failure").check();
  await page.getByLabel("Reminder days").fill("-5, 2, 10");
  await page.getByLabel("Cooldown (minutes)").fill("30");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/saved/i).first()).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Reminder days")).toHaveValue("-5, 2, 10");
  await expect(page.getByLabel("Top-up minimum")).toHaveValue("10");
  await shotBothWidths(page, "settings-payments-bounds");

  // A top-up under the minimum is refused, naming the field.
  const refused = await request.post("/api/v1/customers/acme/checkout-sessions", { headers: { authorization: `Bearer ${key}` }, data: { purpose: "top_up", amount: "5.00" } });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("amount");

  await post(request, key, "/customers/acme/payment-methods", { sandboxCard: "4242424242424242" });
  await page.goto("/customers/acme");
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Auto-recharge" }) });
  await expect(card).toContainText("Not set up");
  await card.getByRole("button", { name: "Set up" }).click();
  const dialog = page.getByRole("dialog", { name: "Auto-recharge" });
  await dialog.getByLabel("Threshold (USD)").fill("5.00");
  await dialog.getByLabel("Amount (USD)").fill("25.00");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(card).toContainText("Active");
  await expect(card).toContainText("$25.00");
  await expect(card).toContainText("4242");
  await shotBothWidths(page, "customer-auto-recharge");
});
