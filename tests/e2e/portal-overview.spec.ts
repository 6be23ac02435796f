import { expect, test } from "@playwright/test";
import { createApiKey, post, shotBothWidths, signUp } from "./helpers";

// The portal shows the period running now, so the contract starts at the beginning of this month
// (UTC): whatever today is, its opening invoice bills the whole month's $49.00 fee. Nothing below
// depends on which day it is: proration amounts are the engine's and only their lines are checked.
test.use({ timezoneId: "UTC" });

const startOfThisMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
};

test("from a portal-session link, the overview shows the balance, the period's estimate, the open invoice with its pay button and the prices in words; a self-serve plan change shows its proration, then is confirmed", async ({ page, request }) => {
  await signUp(page, "Portal AI");
  const key = await createApiKey(page);
  await post(request, key, "/event-schemas", { code: "llm.call", name: "LLM call", fields: [{ name: "tokens", type: "integer", required: true }, { name: "model", type: "string", required: true }] });
  await post(request, key, "/metrics", { code: "tokens", name: "Tokens", eventType: "llm.call", aggregation: "sum", field: "tokens" });
  const usage = { type: "usage", metric: "tokens", groupBy: ["model"], model: "per_unit", unitPrice: "0.000002" };
  await post(request, key, "/plans", { code: "pro", name: "Pro", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Pro fee", amount: "49.00" }, usage] });
  await post(request, key, "/plans", { code: "basic", name: "Basic", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Basic fee", amount: "29.00" }, usage] });
  await post(request, key, "/customers", { externalId: "acme", name: "Acme AI", email: "billing@acme.test", currency: "USD" });
  await post(request, key, "/customers/acme/contracts", { planCode: "pro", startsAt: startOfThisMonth() });
  await post(request, key, "/customers/acme/credits", { amount: "10.00", reason: "Welcome credit" });
  await post(request, key, "/events/batch", {
    events: [
      { id: "e1", customer: "acme", type: "llm.call", properties: { tokens: 1_000_000, model: "gpt-4o" } },
      { id: "e2", customer: "acme", type: "llm.call", properties: { tokens: 500_000, model: "gpt-4o-mini" } },
    ],
  });

  // The operator marks Basic self-serve on its plan page.
  await page.goto("/plans/basic");
  await page.getByLabel("Self-serve").check();
  await expect(page.getByText("Customers can now choose this plan in the portal.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Self-serve")).toBeChecked();

  // The customer signs in with a link minted by the operator's service.
  const { url } = (await post(request, key, "/customers/acme/portal-sessions", {})) as { url: string };
  await page.context().clearCookies();
  await page.goto(url);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId("portal-customer-name")).toHaveText("Acme AI");

  await expect(page.getByTestId("portal-balance")).toHaveText("$10.00");
  await expect(page.getByTestId("portal-balance-state")).toHaveText("Credits are applied to your next invoices.");
  await expect(page.getByTestId("portal-amount-due")).toHaveText("$49.00");

  const invoice = page.getByTestId("open-invoice");
  await expect(invoice).toHaveCount(1);
  await expect(invoice).toContainText("$49.00");
  const pay = invoice.getByRole("link", { name: /^Pay invoice .*\(\$49\.00\)$/ });
  await expect(pay).toHaveAttribute("href", /^\/portal\/invoices\/[0-9a-f-]{36}$/);

  const contract = page.getByTestId("portal-contract");
  await expect(contract).toHaveCount(1);
  await expect(contract.getByRole("heading", { level: 2 })).toContainText("Pro");
  await expect(contract.getByTestId("plan-prices")).toContainText("$49.00 per month, billed at the start of each month");
  await expect(contract.getByTestId("plan-prices")).toContainText("$0.000002 per token, by model");
  const soFar = contract.getByRole("list", { name: "Usage so far" });
  await expect(soFar).toContainText("Tokens (model: gpt-4o)");
  await expect(soFar).toContainText("1,000,000");
  await expect(soFar).toContainText("$2.00");
  await expect(soFar).toContainText("Tokens (model: gpt-4o-mini)");
  await expect(soFar).toContainText("$1.00");
  // Usage 3.00 + next month's fee in advance 49.00, less the 10.00 of credits.
  await expect(contract.getByTestId("period-estimate")).toContainText("$42.00");
  await shotBothWidths(page, "portal-overview");

  // The self-serve plan change: choices, the engine's preview, then the confirmation.
  await contract.getByRole("link", { name: "Change plan" }).click();
  await expect(page).toHaveURL(/\/portal\/plan\?contract=/);
  await expect(page.getByRole("region", { name: "Current plan" })).toContainText("Pro");
  const basic = page.getByTestId("plan-choice");
  await expect(basic).toHaveCount(1);
  await expect(basic).toContainText("$29.00 per month, billed at the start of each month");
  await basic.getByRole("link", { name: "See what switching to Basic costs" }).click();

  const preview = page.getByTestId("plan-change-preview");
  await expect(preview).toContainText("Switch from Pro to Basic");
  await expect(preview.getByRole("list", { name: "Pro: final fees" })).toContainText("Unused time: Pro fee");
  await expect(preview.getByRole("list", { name: "Basic: billed now" })).toContainText("Basic fee");
  await expect(preview).toContainText("Usage so far ($3.00)");
  await expect(page.getByTestId("plan-change-net")).toHaveText(/^\$\d+\.\d{2}$/);
  await shotBothWidths(page, "portal-plan");

  await preview.getByRole("button", { name: "Switch to Basic" }).click();
  await expect(page.getByText("You are now on Basic.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Current plan" })).toContainText("Basic");
  await shotBothWidths(page, "portal-plan-changed");

  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("portal-contract")).toHaveCount(1);
  await expect(page.getByTestId("portal-contract").getByRole("heading", { level: 2 })).toContainText("Basic");
});

test("another customer's contract in the plan page's URL answers 404", async ({ page, request }) => {
  await signUp(page, "Portal Isolation");
  const key = await createApiKey(page);
  await post(request, key, "/plans", { code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Team fee", amount: "10.00" }] });
  for (const externalId of ["first", "second"]) {
    await post(request, key, "/customers", { externalId, name: externalId, email: `${externalId}@example.test`, currency: "USD" });
  }
  const theirs = (await post(request, key, "/customers/second/contracts", { planCode: "team", startsAt: startOfThisMonth() })) as { id: string };
  const { url } = (await post(request, key, "/customers/first/portal-sessions", {})) as { url: string };
  await page.context().clearCookies();
  await page.goto(url);
  await expect(page).toHaveURL(/\/portal$/);
  const response = await page.goto(`/portal/plan?contract=${theirs.id}`);
  expect(response?.status()).toBe(404);
});
