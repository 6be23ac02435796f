import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import { createApiKey, post, shotBothWidths, signUp } from "./helpers";

// January 2026 is a past period whatever today is: the test picks it, so no figure depends on the date.
test("the portal's usage page charts a period's usage by group with each group's cost, and downloads it as CSV", async ({ page, request }) => {
  await signUp(page, "Portal usage");
  const key = await createApiKey(page);
  await post(request, key, "/event-schemas", { code: "llm", name: "LLM call", fields: [{ name: "model", type: "string" }, { name: "tokens", type: "integer" }] });
  await post(request, key, "/event-schemas", { code: "image", name: "Image", fields: [{ name: "size", type: "string" }] });
  await post(request, key, "/metrics", { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens", groupBy: ["model"] });
  await post(request, key, "/metrics", { code: "images", name: "Images", eventType: "image", aggregation: "count", groupBy: ["size"] });
  await post(request, key, "/plans", {
    code: "ai",
    name: "AI Pro",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "usage", name: "Tokens", metric: "tokens", groupBy: ["model"], model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.01" }, { upTo: null, unitPrice: "0.005" }] },
      { type: "usage", name: "Images", metric: "images", model: "per_unit", unitPrice: "0.02" },
    ],
  });
  await post(request, key, "/customers", { externalId: "acme", name: "Acme AI", email: "billing@acme.example", currency: "USD" });
  await post(request, key, "/customers/acme/contracts", { planCode: "ai", startsAt: "2026-01-01T00:00:00Z" });
  const event = (id: string, type: string, timestamp: string, properties: object) => ({ id, customer: "acme", type, timestamp, properties });
  await post(request, key, "/events/batch", {
    events: [
      event("e1", "llm", "2026-01-10T15:00:00Z", { model: "gpt-4o", tokens: 600 }),
      event("e2", "llm", "2026-01-12T15:00:00Z", { model: "gpt-4o", tokens: 600 }),
      event("e3", "llm", "2026-01-20T09:00:00Z", { model: "gpt-4o-mini", tokens: 300 }),
      event("e4", "image", "2026-01-05T15:00:00Z", { size: "small" }),
      event("e5", "image", "2026-01-05T16:00:00Z", { size: "small" }),
      event("e6", "image", "2026-01-06T15:00:00Z", { size: "large" }),
    ],
  });

  // Signed out, the CSV sends the browser to sign in.
  const signedOut = await request.get("/portal/usage/csv", { maxRedirects: 0 });
  expect(signedOut.status()).toBe(303);
  expect(signedOut.headers().location).toContain("/portal/sign-in");

  const { url } = await post(request, key, "/customers/acme/portal-sessions", {});
  await page.goto(url);
  await page.goto("/portal/usage");
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  await expect(page.getByTestId("portal-customer-name")).toHaveText("Acme AI");
  // The current period (whatever today is): no usage yet, every line at zero.
  await expect(page.getByTestId("usage-metric")).toHaveCount(2);
  await shotBothWidths(page, "portal-usage-current");

  await page.getByLabel("Billing period").selectOption({ label: "Jan 1 – Jan 31, 2026" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=/);
  await expect(page.getByTestId("usage-cost")).toHaveText("$14.06");

  const [tokens, images] = await page.getByTestId("usage-metric").all();
  await expect(tokens!.getByRole("heading", { name: "Tokens" })).toBeVisible();
  await expect(tokens!.getByTestId("time-series-chart")).toBeVisible();
  await expect(tokens!.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(tokens!.locator(".recharts-legend-item")).toHaveCount(2);
  const groups = tokens!.getByRole("table", { name: "Tokens by group" });
  // 1,000 × $0.01 + 200 × $0.005
  await expect(groups.getByRole("row", { name: /model: gpt-4o(?!-mini)/ })).toContainText(/1,200\s*\$11\.00/);
  await expect(groups.getByRole("row", { name: /model: gpt-4o-mini/ })).toContainText(/300\s*\$3\.00/);
  await expect(tokens!.getByTestId("usage-metric-cost")).toHaveText("$14.00");
  // Both sizes make one line: the cost is the line's.
  const imageRows = images!.getByRole("table", { name: "Images by group" });
  await expect(imageRows.getByRole("row", { name: /^Images/ })).toContainText(/3\s*\$0\.06/);
  await expect(imageRows.getByRole("row", { name: /size: small/ })).toContainText("2");

  await shotBothWidths(page, "portal-usage");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("usage-csv").click()]);
  expect(download.suggestedFilename()).toBe("usage-2026-01-01.csv");
  const rows = parse(await readFile((await download.path())!, "utf8"), { columns: true });
  expect(rows).toEqual([
    { day: "2026-01-10", metric: "tokens", charge: "Tokens (model: gpt-4o)", group: "model=gpt-4o", quantity: "600", cost: "6.00", currency: "USD" },
    { day: "2026-01-12", metric: "tokens", charge: "Tokens (model: gpt-4o)", group: "model=gpt-4o", quantity: "600", cost: "5.00", currency: "USD" },
    { day: "2026-01-20", metric: "tokens", charge: "Tokens (model: gpt-4o-mini)", group: "model=gpt-4o-mini", quantity: "300", cost: "3.00", currency: "USD" },
    { day: "2026-01-06", metric: "images", charge: "Images", group: "size=large", quantity: "1", cost: "", currency: "USD" },
    { day: "2026-01-05", metric: "images", charge: "Images", group: "size=small", quantity: "2", cost: "", currency: "USD" },
  ]);

  // A period that is not the customer's is named, not a crash.
  await page.goto("/portal/usage?period=not-a-period");
  await expect(page.getByText("period: is not one of your billing periods")).toBeVisible();
});
