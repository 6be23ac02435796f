import { expect, test, type APIRequestContext } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import { createApiKey, post, shotBothWidths, signUp } from "./helpers";

// Postings made through the API: a $49 monthly plan from Jan 1, 2026 billed as of Feb 1, 2026
// (fixed dates in the past), one invoice paid by bank transfer, $20 of paid credits for acme and
// $5 of free credits for globex. The entries post when the test runs; the assertions compare
// figures with each other, never with today's date.
test.use({ timezoneId: "UTC" });

async function get(request: APIRequestContext, key: string, path: string) {
  const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

async function seed(request: APIRequestContext, key: string) {
  await post(request, key, "/plans", { code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Team plan", amount: "49.00" }] });
  await post(request, key, "/customers", { externalId: "acme", name: "Acme AI", email: "billing@acme.test", currency: "USD" });
  await post(request, key, "/customers", { externalId: "globex", name: "Globex", email: "ap@globex.test", currency: "USD" });
  await post(request, key, "/customers/acme/contracts", { planCode: "team", startsAt: "2026-01-01T00:00:00Z" });
  await post(request, key, "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
  const { data: open } = (await get(request, key, "/invoices?customer=acme&status=open")) as { data: { id: string }[] };
  expect(open.length).toBeGreaterThan(0);
  await post(request, key, `/invoices/${open[0]!.id}/mark-paid`, { reference: "WIRE-1" });
  await post(request, key, "/customers/acme/credits", { amount: "20.00", paid: true, reason: "Top-up by wire" });
  await post(request, key, "/customers/globex/credits", { amount: "5.00", paid: false, reason: "Welcome credit" });
  const { data: entries } = (await get(request, key, "/ledger/entries?limit=200")) as { data: { kind: string; lines: unknown[] }[] };
  return { entries };
}

test("the ledger pages: the journal lists the postings with a filter, the trial balance balances, the CSV downloads and parses", async ({ page, request }) => {
  await signUp(page, "Ledger AI");
  const key = await createApiKey(page);
  const { entries } = await seed(request, key);
  const lineCount = entries.reduce((n, e) => n + e.lines.length, 0);
  expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(["invoice_finalized", "payment_succeeded", "credit_granted"]));

  // The sidebar leads to the journal, newest first: globex's grant is on top.
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Ledger" }).click();
  await expect(page).toHaveURL(/\/ledger$/);
  const journal = page.getByRole("list", { name: "Journal entries" });
  await expect(journal.getByRole("listitem")).toHaveCount(entries.length);
  await expect(journal.getByRole("listitem").first()).toContainText("Welcome credit");
  await expect(journal).toContainText("Payment received");
  await expect(journal).toContainText("Accounts receivable");
  await shotBothWidths(page, "ledger-journal");

  // Filtered to credit grants of acme: one entry, with its lines and a link to the customer.
  await page.getByLabel("Kind").selectOption({ label: "Credits granted" });
  await page.getByLabel("Customer").fill("acme");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/kind=credit_granted/);
  await expect(journal.getByRole("listitem")).toHaveCount(1);
  const grant = journal.getByRole("listitem").first();
  await expect(grant).toContainText("Top-up by wire");
  await expect(grant).toContainText("Cash (bank transfers)");
  await expect(grant).toContainText("Customer credit balances");
  await expect(grant.getByRole("cell", { name: "$20.00" })).toHaveCount(2);
  await expect(grant.getByRole("link", { name: "acme" })).toHaveAttribute("href", "/customers/acme");

  // The CSV of the filtered journal: the same entry's two lines.
  const filteredDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const filtered = parse(await readFile((await (await filteredDownload).path())!, "utf8"), { columns: true }) as Record<string, string>[];
  expect(filtered.map((r) => [r.kind, r.account, r.debit, r.credit, r.customer])).toEqual([
    ["credit_granted", "cash", "20.00", "0.00", "acme"],
    ["credit_granted", "customer_credit_liability", "0.00", "20.00", "acme"],
  ]);

  // The whole journal as CSV: a row per line, debits equal to credits.
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(journal.getByRole("listitem")).toHaveCount(entries.length);
  const allDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const text = await readFile((await (await allDownload).path())!, "utf8");
  const [header] = parse(text, { to_line: 1 }) as string[][];
  expect(header).toEqual(["entryId", "occurredAt", "postedAt", "kind", "account", "currency", "debit", "credit", "customer", "invoiceId", "paymentId", "memo"]);
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(lineCount);
  const cents = (column: "debit" | "credit") => rows.reduce((sum, r) => sum + BigInt(r[column]!.replace(".", "")), 0n);
  expect(cents("debit")).toBe(cents("credit"));

  // The trial balance: debits and credits add up to the same total.
  await page.getByRole("link", { name: "Trial balance" }).click();
  await expect(page.getByText("(23:59:59 UTC)")).toBeVisible();
  const usd = page.getByRole("region", { name: "Trial balance, USD" });
  await expect(usd.getByText("Debits = credits")).toBeVisible();
  const totals = usd.locator("tfoot tr").first().getByRole("cell");
  const [debits, credits] = [await totals.nth(2).innerText(), await totals.nth(3).innerText()];
  expect(debits).toMatch(/^\$[\d,]+\.\d{2}$/);
  expect(debits).toBe(credits);
  await expect(usd.getByRole("row", { name: /Cash \(bank transfers\)/ })).toContainText("$69.00");
  await shotBothWidths(page, "ledger-trial-balance");

  // Balances by month, the latest month first: its column shows the cash received.
  await page.getByRole("link", { name: "Balances by month" }).click();
  const months = page.getByRole("table", { name: "Month-end balances in USD" });
  await expect(months.getByRole("columnheader")).toHaveCount(13);
  await expect(months.getByRole("row", { name: /Cash \(bank transfers\)/ }).getByRole("cell").first()).toHaveText("$69.00");
  await shotBothWidths(page, "ledger-balances");
});

test("the ledger pages explain what will appear before anything posts", async ({ page }) => {
  await signUp(page, "Empty Ledger");
  await page.goto("/ledger");
  await expect(page.getByText("No journal entries yet")).toBeVisible();
  await shotBothWidths(page, "ledger-empty-journal");
  await page.goto("/ledger/trial-balance");
  await expect(page.getByText(/^Nothing posted by /)).toBeVisible();
  await shotBothWidths(page, "ledger-empty-trial-balance");
  await page.goto("/ledger/balances");
  await expect(page.getByText("No balances in these months")).toBeVisible();
  await shotBothWidths(page, "ledger-empty-balances");
});

test("the revenue report shows a month's figures per currency, downloads as CSV, and closes an ended month", async ({ page, request }) => {
  await signUp(page, "Revenue AI");
  const key = await createApiKey(page);
  await seed(request, key);
  // The month the invoices were finalized in, read from the invoices themselves (never today's date).
  const { data: invoices } = (await get(request, key, "/invoices?customer=acme")) as { data: { issuedAt: string; subtotal: string }[] };
  const month = invoices[0]!.issuedAt.slice(0, 7);
  const billed = invoices.filter((i) => i.issuedAt.startsWith(month)).reduce((sum, i) => sum + Number(i.subtotal), 0);

  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Revenue" }).click();
  await page.getByLabel("Month", { exact: true }).fill(month);
  await page.getByRole("button", { name: "Show" }).click();
  const usd = page.getByRole("region", { name: "USD revenue" });
  await expect(usd).toContainText("Billed");
  await expect(usd).toContainText(`$${billed.toFixed(2)}`);
  await expect(usd).toContainText("Collected");
  await shotBothWidths(page, "revenue-report");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const rows = parse(await readFile(await (await download).path()), { columns: true }) as Record<string, string>[];
  expect(rows).toEqual([expect.objectContaining({ currency: "USD", billed: billed.toFixed(2) })]);

  // The month before: ended, with nothing posted, so it may be closed, and then says so.
  await page.getByRole("link", { name: "Previous month" }).click();
  const close = page.getByRole("button", { name: /^Close / });
  await close.click();
  await page.getByRole("dialog").getByRole("button", { name: /^Close / }).click();
  await expect(page.getByText("Closed", { exact: true }).first()).toBeVisible();
  await shotBothWidths(page, "revenue-report-closed");
});
