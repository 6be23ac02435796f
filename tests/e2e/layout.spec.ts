import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createApiKey, post, shot, signUp } from "./helpers";

const WIDTHS = [390, 1440] as const;

/** The page itself never scrolls sideways: wide tables scroll inside their card. (Soft: every page is still shot.) */
async function expectNoPageOverflow(page: Page) {
  const found = await page.evaluate(() => {
    const viewport = window.innerWidth;
    // The outermost elements reaching past the viewport, named for the failure message.
    const offenders = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > viewport + 0.5 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > viewport + 0.5))
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} ${el.getAttribute("aria-label") ?? ""} class="${el.getAttribute("class") ?? ""}"> in <${el.parentElement?.tagName.toLowerCase()} class="${el.parentElement?.getAttribute("class") ?? ""}">`);
    return { width: document.documentElement.scrollWidth, viewport, offenders };
  });
  expect.soft(found.width, `page is ${found.width}px wide in a ${found.viewport}px viewport: ${found.offenders.join(", ")}`).toBeLessThanOrEqual(found.viewport);
}

/** The element is inside the viewport horizontally (not cut off, not scrolled away). */
async function expectInView(page: Page, locator: ReturnType<Page["locator"]>) {
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, "element has a box").not.toBeNull();
  expect.soft(box!.x).toBeGreaterThanOrEqual(0);
  expect.soft(box!.x + box!.width, `right edge at ${box!.x + box!.width}px, viewport ${width}px`).toBeLessThanOrEqual(width);
}

test("invoice, customer and API-key pages fit phones and wide screens; the balance history names invoices", async ({ page, request }) => {
  await signUp(page, "Layout AI");
  const key = await createApiKey(page, "ingestion-service-with-a-long-name");
  await post(request, key, "/event-schemas", { code: "llm.completion", name: "LLM completion", fields: [{ name: "tokens", type: "integer", required: true }] });
  await post(request, key, "/metrics", { code: "tokens", name: "Tokens", eventType: "llm.completion", aggregation: "sum", field: "tokens" });
  await post(request, key, "/plans", {
    code: "pro",
    name: "Pro",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "flat", name: "Platform fee", amount: "49.00" },
      { type: "usage", name: "Tokens", metric: "tokens", model: "per_unit", unitPrice: "0.002" },
    ],
  });
  await post(request, key, "/customers", { externalId: "acme", name: "Acme AI", email: "billing@acme.test", currency: "USD", taxRate: "0.1" });
  // $20 of credits, drawn by the first invoice finalized; fixed dates in the past throughout.
  await post(request, key, "/customers/acme/credits", { amount: "20", reason: "Welcome credits" });
  await post(request, key, "/customers/acme/contracts", { planCode: "pro", startsAt: "2026-01-01T00:00:00Z" });
  await post(request, key, "/events/batch", {
    events: [{ id: `evt-${randomBytes(6).toString("hex")}`, customer: "acme", type: "llm.completion", timestamp: "2026-01-10T12:00:00Z", properties: { tokens: 5000 } }],
  });
  await post(request, key, "/billing-runs", { asOf: "2026-02-01T00:00:00Z" });

  // The invoice closing January: $10 of tokens and February's $49 fee, + 10 % tax.
  await page.goto("/invoices?period=2026-01");
  await page.getByRole("row", { name: /Closing/ }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  const invoiceUrl = page.url();
  await expect(page.getByRole("main")).toContainText("Closing invoice, Jan 1 – Jan 31, 2026");

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });

    await page.goto(invoiceUrl);
    const lines = page.getByRole("table", { name: "Invoice lines" });
    await expect(lines.getByRole("row", { name: /^Total/ })).toContainText("$64.90");
    await expectNoPageOverflow(page);
    await expectInView(page, lines.getByRole("row", { name: /^Total/ }).getByText("$64.90"));
    await expectInView(page, lines.getByRole("row", { name: /Tokens/ }).getByText("$10.00", { exact: true }));
    await shot(page, `invoice-${width}`);

    await page.goto("/customers/acme");
    const history = page.getByRole("table", { name: "Balance history" });
    const applied = history.getByRole("row", { name: /Applied to invoice/ }).first();
    await expect(applied).toBeVisible();
    await expectNoPageOverflow(page);
    // Amounts are in view at every width; on phones the date and type move under the description.
    await expectInView(page, applied.getByText("−$20.00"));
    await expectInView(page, page.getByRole("table", { name: "Invoices" }).getByRole("row", { name: /Closing/ }).getByText("$64.90").first());
    if (width >= 1024) {
      // Wide screens show every column of the balance history, the balance included.
      await expectInView(page, history.getByRole("columnheader", { name: "Balance" }));
      await expectInView(page, applied.getByRole("cell").last());
    }
    await shot(page, `customer-${width}`);

    await page.goto("/settings/api-keys");
    const keyRow = page.getByRole("table", { name: "API keys" }).getByRole("row", { name: /ingestion-service-with-a-long-name/ });
    await expect(keyRow).toContainText("Active");
    await expectNoPageOverflow(page);
    await expectInView(page, keyRow.getByRole("button", { name: "Revoke ingestion-service-with-a-long-name" }));
    await shot(page, `api-keys-${width}`);
  }

  // Ledger rows name invoices by number, linked, never by their id.
  const history = page.getByRole("table", { name: "Balance history" });
  await page.goto("/customers/acme");
  const link = history.getByRole("row", { name: /Applied to invoice/ }).first().getByRole("link", { name: /^INV-\d{6}$/ });
  await expect(link).toHaveAttribute("href", /^\/invoices\/[0-9a-f-]{36}$/);
  await expect(history).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  // Opening and closing invoices of the same month are told apart.
  const invoices = page.getByRole("table", { name: "Invoices" });
  await expect(invoices.getByRole("row", { name: /Jan 1 – Jan 31, 2026 · Opening/ })).toHaveCount(1);
  await expect(invoices.getByRole("row", { name: /Jan 1 – Jan 31, 2026 · Closing/ })).toHaveCount(1);
});

test("the site has a favicon and the style guide is not served by a production build", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\//);

  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.locator("link[rel='icon']").first()).toBeAttached();
  expect(errors).toEqual([]);

  const kit = await request.get("/ui-kit");
  expect(kit.status()).toBe(404);
  const kitAuth = await request.get("/ui-kit/auth");
  expect(kitAuth.status()).toBe(404);
});
