import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createApiKey, post, shotBothWidths, signUp } from "./helpers";

// The customer portal's billing pages, from a portal-session link, on the sandbox gateway (the
// default). Fixed dates, whatever today is: contracts from Jan 1, 2026 with a $49 monthly fee in
// advance, billed as of Feb 1, 2026: each customer has open $49.00 invoices and no card.
const CONTRACT_START = "2026-01-01T00:00:00Z";
const BILLED_AS_OF = "2026-02-01T00:00:00Z";
test.use({ timezoneId: "UTC" });

interface Invoice {
  id: string;
  number: string;
  amountDue: string;
}

async function get(request: APIRequestContext, key: string, path: string) {
  const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

/** An organization with customers "acme" (signed into the portal) and "other", both with open invoices. */
async function signedInCustomer(page: Page, request: APIRequestContext, label: string) {
  await signUp(page, label);
  const key = await createApiKey(page);
  await post(request, key, "/plans", { code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Team plan", amount: "49.00" }] });
  for (const [externalId, name] of [["acme", "Acme AI"], ["other", "Other Co"]] as const) {
    await post(request, key, "/customers", { externalId, name, email: `billing@${externalId}.test`, currency: "USD" });
    await post(request, key, `/customers/${externalId}/contracts`, { planCode: "team", startsAt: CONTRACT_START });
  }
  await post(request, key, "/billing-runs", { asOf: BILLED_AS_OF });
  const openOf = async (externalId: string) => ((await get(request, key, `/invoices?customer=${externalId}&status=open`)) as { data: Invoice[] }).data;
  const { url } = (await post(request, key, "/customers/acme/portal-sessions", {})) as { url: string };
  // The operator's dashboard session is no help in the portal: sign it out of this browser first.
  await page.context().clearCookies();
  await page.goto(url);
  await expect(page).toHaveURL(/\/portal/);
  return { key, invoices: await openOf("acme"), othersInvoices: await openOf("other") };
}

/** The sandbox's hosted page: type the test card, submit, and come back to the portal. */
async function payOnSandboxPage(page: Page, card: string, button: string | RegExp, done: string) {
  await expect(page).toHaveURL(/\/pay\/cs_[0-9a-f]+$/);
  await page.getByLabel("Card number").fill(card);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("heading", { name: done })).toBeVisible();
  await page.getByRole("link", { name: /^Return to / }).click();
}

test("invoices: the list, an invoice with its PDF, paying it with the sandbox card, and another customer's invoice answers 404", async ({ page, request }) => {
  const { invoices, othersInvoices } = await signedInCustomer(page, request, "Portal Invoices AI");
  expect(invoices.length).toBeGreaterThan(0);
  const invoice = invoices[0]!;

  await page.goto("/portal/invoices");
  await expect(page.getByRole("heading", { name: "Invoices" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: invoice.number });
  await expect(row).toContainText("Open");
  await expect(row).toContainText("$49.00");
  await shotBothWidths(page, "portal-invoices");

  await row.getByRole("link", { name: invoice.number }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/invoices/${invoice.id}$`));
  await expect(page.getByRole("heading", { name: invoice.number })).toBeVisible();
  await expect(page.getByText("Team plan").first()).toBeVisible();
  await shotBothWidths(page, "portal-invoice-open");

  // The PDF, with the portal's cookie.
  const pdfHref = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 4).toString()).toBe("%PDF");

  // Pay it in full on the sandbox's page; back on the invoice, it is paid.
  await page.getByRole("button", { name: "Pay now" }).click();
  await expect(page.getByTestId("checkout-amount")).toHaveText("$49.00");
  await payOnSandboxPage(page, "4242 4242 4242 4242", "Pay $49.00", "Payment received");
  await expect(page).toHaveURL(new RegExp(`/portal/invoices/${invoice.id}$`));
  await expect(page.getByRole("main").getByText("Paid", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Payments" })).toContainText("Succeeded");
  await expect(page.getByRole("table", { name: "Payments" })).toContainText("Visa ···· 4242");
  await expect(page.getByRole("button", { name: "Pay now" })).toHaveCount(0);
  await shotBothWidths(page, "portal-invoice-paid");

  // Another customer's invoice, by URL: the same 404 as an invoice that does not exist.
  const theirs = othersInvoices[0]!;
  const response = await page.goto(`/portal/invoices/${theirs.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Page not found")).toBeVisible();
  await expect(page.getByText(theirs.number)).toHaveCount(0);
  expect((await page.request.get(`/portal/invoices/${theirs.id}/pdf`)).status()).toBe(404);
});

test("payment methods: adding a card, the only card kept while an invoice is open, a second card, and making the first the default", async ({ page, request }) => {
  await signedInCustomer(page, request, "Portal Cards AI");
  await page.goto("/portal/payment-methods");
  await expect(page.getByText("No saved cards")).toBeVisible();

  await page.getByRole("button", { name: "Add a card" }).click();
  await payOnSandboxPage(page, "4242 4242 4242 4242", "Save card", "Card saved");
  await expect(page).toHaveURL(/\/portal\/payment-methods$/);
  const cards = page.getByRole("list", { name: "Saved cards" });
  const visa4242 = cards.getByRole("listitem").filter({ hasText: "4242" });
  await expect(visa4242).toContainText("Default");
  // Its only card, with open invoices that automatic collection will charge to it: Remove is off, and says why.
  await expect(visa4242.getByRole("button", { name: "Remove" })).toBeDisabled();
  await expect(visa4242).toContainText("This is your only card, and invoice");
  await shotBothWidths(page, "portal-payment-methods-only-card");

  await page.getByRole("button", { name: "Add a card" }).click();
  await payOnSandboxPage(page, "4000 0000 0000 0341", "Save card", "Card saved");
  const visa0341 = cards.getByRole("listitem").filter({ hasText: "0341" });
  await expect(visa0341).toContainText("Default");
  await expect(visa4242).not.toContainText("Default");
  await expect(visa4242.getByRole("button", { name: "Remove" })).toBeEnabled();

  await visa4242.getByRole("button", { name: "Make default" }).click();
  await expect(visa4242).toContainText("Default");
  await expect(visa0341).not.toContainText("Default");
  await shotBothWidths(page, "portal-payment-methods");
});

test("credits: buying credits with the sandbox card changes the balance, and the history shows it", async ({ page, request }) => {
  await signedInCustomer(page, request, "Portal Credits AI");
  await page.goto("/portal/credits");
  await expect(page.getByRole("heading", { name: "Credits", exact: true })).toBeVisible();
  await expect(page.getByText("$0.00").first()).toBeVisible();

  await page.getByLabel("Amount (USD)").fill("abc");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByText("Amount must be an amount such as 25.00")).toBeVisible();

  await page.getByLabel("Amount (USD)").fill("25");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await payOnSandboxPage(page, "4242 4242 4242 4242", "Pay $25.00", "Payment received");
  await expect(page).toHaveURL(/\/portal\/credits$/);
  await expect(page.getByText("$25.00").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Credit history" })).toContainText("Credits added");
  await expect(page.getByRole("table", { name: "Credit history" })).toContainText("+$25.00");
  await shotBothWidths(page, "portal-credits");
});
