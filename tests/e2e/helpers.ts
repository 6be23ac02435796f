import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const password = "correct horse battery";

/** A full-page screenshot for review, in test-results/screens or SHOTS_DIR; sticky parts are drawn where the page was scrolled to. */
export async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${process.env.SHOTS_DIR ?? "test-results/screens"}/${name}.png`, fullPage: true });
}

/** The page at a wide screen's and a phone's width, for review; nothing may scroll the page sideways. */
export async function shotBothWidths(page: Page, name: string) {
  const original = page.viewportSize()!;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect.soft(scrollWidth, `the page scrolls sideways at ${width}px`).toBeLessThanOrEqual(width);
    await shot(page, `${name}-${width}`);
  }
  await page.setViewportSize(original);
}

/** Each test works in its own organization, signed up through the dashboard. */
export async function signUp(page: Page, label: string) {
  const organizationName = `${label} ${randomBytes(3).toString("hex")}`;
  const email = `owner-${randomBytes(4).toString("hex")}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Organization name").fill(organizationName);
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: `Welcome to ${organizationName}` })).toBeVisible();
  return { organizationName, email };
}

/** Settings → API keys → Create: the secret is read from the dialog, the only time it is shown. */
export async function createApiKey(page: Page, name = "e2e-seed"): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Key name").fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secretField = dialog.getByLabel("Secret key");
  await expect(secretField).toHaveValue(/^eb_sk_/);
  const secret = await secretField.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  return secret;
}

/** POSTs to the public REST API with the key, for seeding what a test does not exercise. */
export async function post(request: APIRequestContext, key: string, path: string, data: unknown) {
  const response = await request.post(`/api/v1${path}`, { headers: { authorization: `Bearer ${key}` }, data });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}
