import { expect, test, type APIRequestContext } from "@playwright/test";
import { createApiKey, post, shotBothWidths, signUp } from "./helpers";

// An organization seeded through the API with fixed dates in the past (contracts from Jan 1,
// 2026, billed as of Feb 1, 2026) and usage sent now: the overview reads at the server's clock,
// so the assertions check what is drawn and where links lead, never a figure tied to a date.
test.use({ timezoneId: "UTC" });

async function get(request: APIRequestContext, key: string, path: string) {
  const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

async function seed(request: APIRequestContext, key: string) {
  await post(request, key, "/event-schemas", { code: "llm", name: "LLM call", fields: [{ name: "tokens", type: "integer", required: true }] });
  await post(request, key, "/metrics", { code: "tokens", name: "Tokens", eventType: "llm", aggregation: "sum", field: "tokens" });
  await post(request, key, "/plans", { code: "team", name: "Team", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Team plan", amount: "49.00" }] });
  await post(request, key, "/plans", { code: "scale", name: "Scale", currency: "USD", interval: "year", charges: [{ type: "flat", name: "Scale plan", amount: "1200.00" }] });
  await post(request, key, "/customers", { externalId: "acme", name: "Acme AI", email: "billing@acme.test", currency: "USD" });
  await post(request, key, "/customers", { externalId: "globex", name: "Globex Corporation", email: "ap@globex.test", currency: "USD" });
  await post(request, key, "/customers/acme/contracts", { planCode: "team", startsAt: "2026-01-01T00:00:00Z" });
  await post(request, key, "/customers/globex/contracts", { planCode: "scale", startsAt: "2026-01-01T00:00:00Z" });
  await post(request, key, "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });
  const { data: open } = (await get(request, key, "/invoices?customer=acme&status=open")) as { data: { id: string }[] };
  expect(open.length).toBeGreaterThan(0);
  await post(request, key, `/invoices/${open[0]!.id}/mark-paid`, { reference: "WIRE-1" });
  for (let i = 0; i < 3; i++) await post(request, key, "/events", { id: `e2e-${i}`, customer: "acme", type: "llm", properties: { tokens: 1000 * (i + 1) } });
}

test("the overview draws its charts with data, a figure opens its invoices, ⌘K finds a customer, the sidebar spans the page", async ({ page, request }) => {
  await signUp(page, "Overview AI");
  const key = await createApiKey(page);
  await seed(request, key);

  await page.goto("/");
  const usd = page.getByRole("region", { name: "USD" });
  await expect(usd).toBeVisible();
  // The 12-month chart: bars for what was billed and collected, a line for what is outstanding.
  const chart = usd.getByTestId("money-trend-chart");
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle path").first()).toBeVisible();
  expect(await chart.locator(".recharts-bar-rectangle path").count()).toBeGreaterThan(0);
  await expect(chart.locator(".recharts-line-curve")).toHaveAttribute("d", /\d/);
  // Usage: the tokens sent now draw a sparkline.
  const sparkline = page.getByTestId("sparkline").first();
  await expect(sparkline.locator(".recharts-area-area")).toHaveAttribute("d", /\d/);
  await expect(usd.getByRole("list", { name: "Top customers in USD" })).toContainText("Globex Corporation");

  // The sidebar runs down the whole of this long page.
  const heights = await page.evaluate(() => ({ aside: document.getElementById("app-sidebar")!.getBoundingClientRect().height, page: document.documentElement.scrollHeight }));
  expect(heights.aside).toBeGreaterThanOrEqual(heights.page - 1);

  await shotBothWidths(page, "overview");

  // A figure opens the list it sums.
  await usd.getByRole("link", { name: /^Outstanding/ }).click();
  await expect(page).toHaveURL(/\/invoices\?status=open$/);
  await expect(page.getByRole("table")).toContainText("Globex Corporation");
  await page.goBack();
  await usd.getByRole("list", { name: "Receivables aging" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/invoices\?aging=current$/);
  await expect(page.getByText("Showing open invoices not yet past due.")).toBeVisible();

  // ⌘K (Ctrl+K here): type, arrow down to the customer, Enter.
  await page.keyboard.press("ControlOrMeta+k");
  const dialog = page.getByRole("dialog", { name: "Jump to" });
  await expect(dialog).toBeVisible();
  const combobox = dialog.getByRole("combobox");
  await expect(combobox).toBeFocused();
  await combobox.fill("globex");
  const option = dialog.getByRole("option", { name: /Globex Corporation/ });
  await expect(option).toBeVisible();
  await expect(option).toHaveAttribute("aria-selected", "true");
  await combobox.press("Enter");
  await expect(page).toHaveURL(/\/customers\/globex$/);
  await expect(dialog).toBeHidden();

  // On a phone: the search button in the top bar, plans by code.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Jump to…" }).click();
  await dialog.getByRole("combobox").fill("scale");
  await dialog.getByRole("option", { name: /scale/ }).click();
  await expect(page).toHaveURL(/\/plans\/scale$/);
});
