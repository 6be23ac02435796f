import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { password, shot } from "./helpers";

const organizationName = `Nimbus AI ${randomBytes(3).toString("hex")}`;
const email = `owner-${randomBytes(4).toString("hex")}@example.com`;

test.describe.configure({ mode: "serial" });

test("an operator signs up, manages an API key, and the key works until revoked", async ({ page, request }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await shot(page, "sign-in");

  await page.getByRole("link", { name: "Create an organization" }).click();
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("must be a valid e-mail address")).toBeVisible();

  await page.getByLabel("Organization name").fill(organizationName);
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await shot(page, "sign-up");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: `Welcome to ${organizationName}` })).toBeVisible();
  await shot(page, "overview");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect e-mail or password." })).toBeVisible();

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: `Welcome to ${organizationName}` })).toBeVisible();

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Key name").fill("ingestion-service");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secretField = dialog.getByLabel("Secret key");
  await expect(secretField).toHaveValue(/^eb_sk_/);
  const secret = await secretField.inputValue();
  await shot(page, "api-key-created");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("cell", { name: "ingestion-service", exact: true })).toBeVisible();

  const ok = await request.get("/api/v1/organization", { headers: { authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ name: organizationName });

  await page.getByRole("button", { name: "Revoke ingestion-service" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /ingestion-service/ })).toContainText("Revoked");
  await shot(page, "api-keys");

  const refused = await request.get("/api/v1/organization", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: "UNAUTHORIZED", message: "Invalid or revoked API key." });
});

test("the organization name is editable and the welcome e-mail is in the outbox", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: /Welcome to/ })).toBeVisible();

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Organization name").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("is required")).toBeVisible();
  await page.getByLabel("Organization name").fill(`${organizationName} Inc`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Organization name saved.")).toBeVisible();
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
  await shot(page, "settings");

  await page.getByRole("link", { name: "Outbox" }).click();
  await page.getByRole("link", { name: new RegExp(`Welcome to EasyBilling, ${organizationName}`) }).click();
  await expect(page.getByRole("main").getByText(email)).toBeVisible();
  await expect(page.frameLocator("iframe[title='E-mail preview']").getByText("Open the dashboard")).toBeVisible();
  await shot(page, "outbox-email");
});
