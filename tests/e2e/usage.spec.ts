import { expect, test } from "@playwright/test";
import { createApiKey, post, shot, signUp } from "./helpers";

test("usage sent through the API shows in the customer's usage explorer and the event debugger", async ({ page, request }) => {
  await signUp(page, "Usage AI");
  const key = await createApiKey(page);
  await post(request, key, "/event-schemas", {
    code: "llm.completion",
    name: "LLM completion",
    fields: [
      { name: "tokens", type: "integer", required: true },
      { name: "model", type: "string", enum: ["gpt-4o", "gpt-4o-mini"] },
    ],
  });
  await post(request, key, "/metrics", { code: "total_tokens", name: "Total tokens", eventType: "llm.completion", aggregation: "sum", field: "tokens", groupBy: ["model"] });
  await post(request, key, "/plans", {
    code: "tokens",
    name: "Tokens",
    currency: "USD",
    interval: "month",
    charges: [{ type: "usage", metric: "total_tokens", model: "per_unit", unitPrice: "0.00002" }],
  });
  await post(request, key, "/customers", { externalId: "acme", name: "Acme AI", email: "billing@acme.example", currency: "USD" });
  const now = Date.now();
  await post(request, key, "/customers/acme/contracts", { planCode: "tokens", startsAt: new Date(now - 2 * 86_400_000).toISOString() });

  const minutesAgo = (m: number) => new Date(now - m * 60_000).toISOString();
  const event = (id: string, customer: string, properties: Record<string, unknown>, timestamp = minutesAgo(10)) => ({ id, customer, type: "llm.completion", timestamp, properties });
  const batch = await post(request, key, "/events/batch", {
    events: [
      event("evt-1", "acme", { tokens: 1200, model: "gpt-4o" }),
      event("evt-2", "acme", { tokens: 800, model: "gpt-4o-mini" }, minutesAgo(5)),
      event("evt-bad", "acme", { tokens: "lots", model: "gpt-4o" }),
      event("evt-ghost", "ghost", { tokens: 5, model: "gpt-4o" }),
    ],
  });
  expect(batch).toMatchObject({ accepted: 2, duplicates: 0, rejected: 2 });
  // The same ids again are duplicates, never counted twice.
  const again = await post(request, key, "/events/batch", { events: [event("evt-1", "acme", { tokens: 1200, model: "gpt-4o" })] });
  expect(again).toMatchObject({ accepted: 0, duplicates: 1 });

  // The customer's usage explorer: last 24 hours by hour, then grouped by model, then by day.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: "Acme AI" }).click();
  await page.getByRole("navigation", { name: "Customer sections" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByLabel("Metric")).toHaveValue("total_tokens");
  await expect(page.getByTestId("usage-total")).toHaveText("2,000");
  const chart = page.getByTestId("time-series-chart");
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle").first()).toBeVisible();
  const values = page.getByRole("table", { name: "Usage values" });
  await expect(values.getByRole("row").filter({ hasText: /\d/ }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Accepted events" })).toContainText("evt-2");
  await shot(page, "usage-explorer-hourly");

  await page.getByRole("group", { name: "Group by" }).getByLabel("model").check();
  await expect(values.getByRole("row", { name: /model=gpt-4o-mini/ })).toContainText("800");
  await expect(values.getByRole("row", { name: /model=gpt-4o(?!-mini)/ })).toContainText("1,200");
  await expect(chart.locator(".recharts-legend-item")).toHaveCount(2);
  await shot(page, "usage-explorer-grouped");

  await page.getByLabel("Range").selectOption("7d");
  await expect(page.getByLabel("Window")).toHaveValue("day");
  await page.getByRole("group", { name: "Group by" }).getByLabel("model").uncheck();
  await expect(page.getByTestId("usage-total")).toHaveText("2,000");
  await shot(page, "usage-explorer-daily");

  // The event debugger: accepted events and refusals with their reasons.
  await nav.getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  const accepted = page.getByRole("table", { name: "Accepted events" });
  await expect(accepted.getByRole("row", { name: /evt-1/ })).toContainText("acme");
  await expect(accepted.getByRole("row", { name: /evt-1/ })).toContainText("llm.completion");
  await expect(accepted.getByRole("row", { name: /evt-1/ })).toContainText('"tokens":1200');
  await expect(accepted.getByRole("row", { name: /evt-/ })).toHaveCount(2);
  const rejected = page.getByRole("table", { name: "Rejected events" });
  await expect(rejected.getByRole("row", { name: /evt-bad/ })).toContainText("must be an integer");
  await expect(rejected.getByRole("row", { name: /evt-ghost/ })).toContainText('unknown customer "ghost"');
  await shot(page, "event-debugger");

  await page.getByLabel("Customer external ID").fill("ghost");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/usage\?customer=ghost$/);
  await expect(accepted.getByText("No events accepted yet")).toBeVisible();
  await expect(rejected.getByRole("row", { name: /evt-/ })).toHaveCount(1);
});
