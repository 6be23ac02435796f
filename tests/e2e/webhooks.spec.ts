import { expect, test } from "@playwright/test";
import { shot, signUp } from "./helpers";
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A receiver on 127.0.0.1 (random port) the app server can reach: the first request fails, the rest succeed.
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (received.length === 1) res.writeHead(503).end("warming up");
      else res.writeHead(200).end("thanks");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});

test.afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

test("an operator adds a webhook endpoint, sees its signing secret once, disables and deletes it", async ({ page }) => {
  await signUp(page, "Hooks AI");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();

  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  // Nothing filled in: each field says what is wrong.
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("must be an absolute URL")).toBeVisible();
  await expect(dialog.getByText("must name at least one event type")).toBeVisible();
  // Plain http is for this machine only.
  await dialog.getByLabel("Endpoint URL").fill("http://example.com/hooks");
  await dialog.getByLabel("invoice.paid").check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("must use https")).toBeVisible();

  const url = receiverUrl;
  await dialog.getByLabel("Endpoint URL").fill(url);
  await dialog.getByLabel("Description").fill("ERP sync");
  await dialog.getByLabel("invoice.finalized").check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();

  const secretField = dialog.getByLabel("Signing secret");
  await expect(secretField).toHaveValue(/^whsec_[A-Za-z0-9_-]{32}$/);
  const secret = await secretField.inputValue();
  await shot(page, "webhook-secret");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  // Listed without its secret, which is never shown again.
  const row = page.getByRole("row", { name: new RegExp(url) });
  await expect(row).toContainText("invoice.finalized");
  await expect(row).toContainText("invoice.paid");
  await expect(row).toContainText("Enabled");
  await shot(page, "webhooks");
  await page.reload();
  await expect(page.getByRole("link", { name: url })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // The endpoint's page: details and an empty delivery log.
  await page.getByRole("link", { name: url }).click();
  await expect(page.getByRole("heading", { name: url })).toBeVisible();
  await expect(page.getByText("No deliveries yet")).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // A test event: the receiver answers 503, so the log shows a pending delivery with its response.
  await page.getByRole("button", { name: "Send test event" }).click();
  const delivery = page.getByRole("row", { name: /webhook\.test/ }).first();
  await expect(delivery).toContainText("Pending");
  await expect(delivery).toContainText("HTTP 503");
  await expect(delivery.getByRole("cell").nth(2)).toHaveText("1");
  await delivery.getByRole("button", { name: "Details" }).click();
  await expect(page.getByText("warming up")).toBeVisible();
  // Signed with the secret shown once: t=<unix>,v1=hex(hmac_sha256(secret, "<t>.<body>")).
  const [first] = received;
  const header = String(first!.headers["easybilling-signature"]);
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
  expect(createHmac("sha256", secret).update(`${t}.${first!.body}`).digest("hex")).toBe(v1);
  expect(JSON.parse(first!.body)).toMatchObject({ type: "webhook.test", data: { message: "A test event from EasyBilling" } });

  // Re-send: the receiver accepts now.
  await delivery.getByRole("button", { name: /^Re-send/ }).click();
  await expect(delivery).toContainText("Succeeded");
  await expect(delivery).toContainText("HTTP 200");
  expect(received).toHaveLength(2);
  expect(received[1]!.body).toBe(first!.body);

  await page.getByRole("button", { name: "Disable", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable endpoint" }).click();
  await expect(page.getByRole("button", { name: "Enable", exact: true })).toBeVisible();
  await expect(page.getByText("Disabled", { exact: true }).first()).toBeVisible();
  await shot(page, "webhook-endpoint");

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();
});
