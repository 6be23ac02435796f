import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { logoPng } from "../fixtures/png";
import { createApiKey, post, shot, shotBothWidths, signUp } from "./helpers";

// Getting into the customer portal and out of it: the link an operator's service mints, the clear
// page a spent or forged link lands on, the magic link by e-mail, the organization's branding, the
// operator's read-only preview, and the wall between portal and dashboard sessions.

/** A browser of its own, as a customer's would be: no operator cookies. */
async function customerBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("a customer signs in from a portal link, signs out, and a reused link offers a fresh one by e-mail", async ({ page, browser }) => {
  const { organizationName } = await signUp(page, "Portal Access");
  const key = await createApiKey(page);

  // Settings → Branding: a colour too light for white text is refused; a teal one and a logo are kept.
  await page.goto("/settings/branding");
  await page.getByLabel("Accent colour").fill("#ffff00");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("is too light for white text on it")).toBeVisible();
  await page.getByLabel("Accent colour").fill("#0f766e");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Branding saved.")).toBeVisible();
  await page.getByLabel("Logo file").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logoPng() });
  await expect(page.getByRole("img", { name: `${organizationName} logo` })).toBeVisible();
  await shot(page, "settings-branding");

  const email = `billing-${randomBytes(4).toString("hex")}@example.com`;
  await post(page.request, key, "/customers", { externalId: "acme", name: "Acme Robotics", email, currency: "USD" });
  const link = (await post(page.request, key, "/customers/acme/portal-sessions", { returnUrl: "https://app.example.com/account" })) as { url: string; expiresAt: string };
  expect(new Date(link.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);

  const customer = await customerBrowser(browser);
  await customer.goto(link.url);
  await expect(customer).toHaveURL(/\/portal$/);
  await expect(customer.getByTestId("portal-customer-name")).toHaveText("Acme Robotics");
  await expect(customer.getByRole("banner").getByText(organizationName)).toBeVisible();
  await expect(customer.getByRole("img", { name: `${organizationName} logo` })).toBeVisible();
  await expect(customer.getByRole("link", { name: "Back to app.example.com" })).toHaveAttribute("href", "https://app.example.com/account");
  const accent = await customer.getByRole("button", { name: "Sign out" }).evaluate(() => getComputedStyle(document.querySelector("[style*='--brand-600']")!).getPropertyValue("--brand-600"));
  expect(accent.trim()).toBe("#0f766e");

  // The portal's cookie is not an operator's session: the dashboard and its procedures refuse it.
  expect((await customer.request.get("/api/trpc/customers.list")).status()).toBe(401);
  await customer.goto("/customers");
  await expect(customer).toHaveURL(/\/sign-in/);
  await customer.goto("/portal");

  await customer.getByRole("button", { name: "Sign out" }).click();
  await expect(customer.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await customer.goto("/portal");
  await expect(customer.getByRole("heading", { name: "Sign in to your billing portal" })).toBeVisible();

  // The same link again: spent, said in words, with the way forward.
  const reused = await customer.goto(link.url);
  expect(reused?.status()).toBe(200);
  await expect(customer.getByRole("heading", { name: "This sign-in link was already used" })).toBeVisible();
  await expect(customer.getByText(organizationName)).toBeVisible();
  await shotBothWidths(customer, "portal-link-used");

  await customer.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(customer.getByText("Enter the e-mail address your invoices are sent to.")).toBeVisible();
  await customer.getByLabel("Billing e-mail").fill(email.toUpperCase());
  await customer.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(customer.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  // The operator's outbox holds the e-mail; its link signs the customer in, once.
  await page.goto("/outbox");
  await page.getByRole("link", { name: new RegExp(`Your sign-in link for ${organizationName}`) }).click();
  const mail = page.frameLocator("iframe[title='E-mail preview']");
  await expect(mail.getByText("Hello Acme Robotics")).toBeVisible();
  await shot(page, "portal-sign-in-email");
  const magicLink = await mail.getByRole("link", { name: "Sign in" }).getAttribute("href");
  expect(magicLink).toMatch(/\/portal\/session\//);
  await customer.goto(magicLink!);
  await expect(customer.getByTestId("portal-customer-name")).toHaveText("Acme Robotics");

  // A link changed by one character is forged.
  const forged = link.url.slice(0, -1) + (link.url.endsWith("A") ? "B" : "A");
  const other = await customerBrowser(browser);
  await other.goto(forged);
  await expect(other.getByRole("heading", { name: "This sign-in link is not valid" })).toBeVisible();
  await other.goto("/portal/session/garbage");
  await expect(other.getByRole("heading", { name: "This sign-in link is not valid" })).toBeVisible();
});

test("an operator views the portal as the customer, read-only and marked so, and is no customer without it", async ({ page, context }) => {
  await signUp(page, "Portal Preview");
  const key = await createApiKey(page);
  await post(page.request, key, "/customers", { externalId: "globex", name: "Globex Corp", email: `ap-${randomBytes(4).toString("hex")}@example.com`, currency: "USD" });

  // The operator's own session does not open the portal.
  await page.goto("/portal");
  await expect(page.getByRole("heading", { name: "Sign in to your billing portal" })).toBeVisible();

  await page.goto("/customers/globex");
  const [preview] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "View portal as this customer" }).click()]);
  await preview.waitForURL(/\/portal$/);
  await expect(preview.getByRole("status").getByText(/Operator preview: you see the portal as Globex Corp sees it/)).toBeVisible();
  await expect(preview.getByTestId("portal-customer-name")).toHaveText("Globex Corp");
  await shotBothWidths(preview, "portal-preview");
});
