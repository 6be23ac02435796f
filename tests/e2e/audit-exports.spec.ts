import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import { createApiKey, post, shotBothWidths, signUp } from "./helpers";

// The audit log lists what was just done, by whom, and filters by action; the exports download
// from the list pages and parse as CSV. Seeded through the API with fixed dates in the past.
test.use({ timezoneId: "UTC" });

test("the audit log shows a customer created in the dashboard and filters by action; the customers and invoices exports download and parse", async ({ page, request }) => {
  const { email } = await signUp(page, "Audit AI");
  const key = await createApiKey(page, "seed-key");
  await post(request, key, "/plans", { code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Team plan", amount: "49.00" }] });
  await post(request, key, "/customers", { externalId: "globex", name: "Globex", email: "ap@globex.test", currency: "USD" });
  await post(request, key, "/customers/globex/contracts", { planCode: "team", startsAt: "2026-01-01T00:00:00Z" });
  await post(request, key, "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });

  // A customer created by hand in the dashboard, then changed.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: "New customer" }).first().click();
  await page.getByLabel("External ID").fill("acme");
  await page.getByLabel("Name", { exact: true }).fill("Acme AI");
  await page.getByLabel("Billing e-mail").fill("billing@acme.example");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(/\/customers\/acme\?created=1$/);
  await request.patch("/api/v1/customers/acme", { headers: { authorization: `Bearer ${key}` }, data: { name: "Acme Intelligence", taxRate: "0.2" } });

  // The audit log, from the sidebar: newest first, the member by e-mail, the key by name.
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const events = page.getByRole("list", { name: "Audit events" });
  const created = events.getByRole("listitem", { name: `customer.created by ${email}` });
  await expect(created).toBeVisible();
  await expect(created).toContainText("Acme AI");
  const updated = events.getByRole("listitem", { name: "customer.updated by seed-key" });
  await expect(updated).toContainText("Acme AI");
  await expect(updated).toContainText("Acme Intelligence");
  await expect(events.getByRole("listitem", { name: "api_key.created by " + email })).toBeVisible();
  await shotBothWidths(page, "audit-log");

  // Filter by action: only customer.created remains (the API key's customer too).
  await page.getByLabel("Action").selectOption("customer.created");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=customer\.created/);
  await expect(events.getByRole("listitem")).toHaveCount(2);
  await expect(events.getByRole("listitem", { name: "customer.created by seed-key" })).toBeVisible();
  await expect(events.getByRole("listitem", { name: /customer\.updated|api_key\.created/ })).toHaveCount(0);
  // And by actor: the member's own.
  await page.getByLabel("Actor").fill(email);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(events.getByRole("listitem")).toHaveCount(1);
  await expect(events.getByRole("listitem", { name: `customer.created by ${email}` })).toBeVisible();

  // Exports: customers from the customers page, invoice lines from the invoices page.
  await nav.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await page.getByText("Export CSV").click();
  const customersDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Customers CSV" }).click();
  const customers = parse(await readFile((await (await customersDownload).path())!, "utf8"), { columns: true }) as Record<string, string>[];
  expect(customers.map((c) => c.externalId).sort()).toEqual(["acme", "globex"]);
  expect(customers.find((c) => c.externalId === "acme")).toMatchObject({ name: "Acme Intelligence", taxRate: "0.2", currency: "USD" });

  await nav.getByRole("link", { name: "Invoices" }).click();
  await expect(page.getByRole("heading", { name: "Invoices", level: 1 })).toBeVisible();
  await page.getByText("Export CSV").click();
  const invoicesDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Invoice lines CSV" }).click();
  const download = await invoicesDownload;
  expect(download.suggestedFilename()).toBe("invoices.csv");
  const lines = parse(await readFile((await download.path())!, "utf8"), { columns: true }) as Record<string, string>[];
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((l) => l.customer === "globex" && l.currency === "USD")).toBe(true);
  expect(lines.some((l) => l.description === "Team plan" && l.amount === "49.00")).toBe(true);
});
