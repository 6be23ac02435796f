import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { password, shot, shotBothWidths, signUp } from "./helpers";

test("an owner invites a viewer, who joins from the e-mail in the outbox and cannot create a plan", async ({ page, browser, baseURL }) => {
  const { organizationName, email: ownerEmail } = await signUp(page, "Team");
  const viewerEmail = `viewer-${randomBytes(4).toString("hex")}@example.com`;

  // Owners see the plan button; the viewer will not.
  await page.goto("/plans");
  await expect(page.getByRole("link", { name: "New plan" }).first()).toBeVisible();

  await page.goto("/settings");
  await page.getByRole("link", { name: "Team", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/team$/);
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog");
  // The server's field errors show under the field.
  await dialog.getByLabel("E-mail").fill("not an address");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByText("must be a valid e-mail address")).toBeVisible();
  await dialog.getByLabel("E-mail").fill(viewerEmail);
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${viewerEmail}.`)).toBeVisible();
  const pending = page.getByRole("table", { name: "Pending invitations" });
  await expect(pending.getByRole("cell", { name: viewerEmail })).toBeVisible();
  await shotBothWidths(page, "team");

  // The invitation e-mail, from the outbox.
  await page.goto("/outbox");
  await page.getByRole("link", { name: new RegExp(`You are invited to ${organizationName}`) }).click();
  const mail = page.frameLocator("iframe[title='E-mail preview']");
  await expect(mail.getByText("as a viewer")).toBeVisible();
  const link = await mail.getByRole("link", { name: "Accept the invitation" }).getAttribute("href");
  expect(link).toMatch(/\/invite\//);
  const path = new URL(link!).pathname;

  // The viewer accepts in a browser of their own.
  const viewerContext = await browser.newContext({ baseURL });
  const viewer = await viewerContext.newPage();
  await viewer.goto(path);
  await expect(viewer.getByRole("heading", { name: `Join ${organizationName}` })).toBeVisible();
  await expect(viewer.getByLabel("E-mail")).toHaveValue(viewerEmail);
  await shot(viewer, "invite-accept");
  await viewer.getByLabel("Your name").fill("Vera Viewer");
  await viewer.getByLabel("Password").fill(password);
  await viewer.getByRole("button", { name: "Join and sign in" }).click();
  await expect(viewer.getByRole("heading", { name: `Welcome to ${organizationName}` })).toBeVisible();

  // Signed in as a viewer: no plan button, and the procedure itself answers 403.
  await viewer.goto("/plans");
  await expect(viewer.getByRole("heading", { name: "Plans" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New plan" })).toHaveCount(0);
  const refused = await viewer.request.post("/api/trpc/plans.create", {
    headers: { origin: baseURL!, "content-type": "application/json" },
    data: { json: { code: "sneaky", name: "Sneaky", currency: "USD", interval: "month", charges: [{ type: "flat", name: "Fee", amount: "1" }] } },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toMatch(/viewer/);

  // The team page, as the viewer: members and roles, no management.
  await viewer.goto("/settings/team");
  const members = viewer.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row").filter({ hasText: viewerEmail })).toContainText("Viewer");
  await expect(members.getByRole("row").filter({ hasText: ownerEmail })).toContainText("Owner");
  await expect(viewer.getByRole("button", { name: "Invite member" })).toHaveCount(0);

  // The link worked once.
  await viewerContext.clearCookies();
  await viewer.goto(path);
  await expect(viewer.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();
  await viewerContext.close();

  // Back as the owner: the viewer is listed; promoting to billing takes effect.
  await page.goto("/settings/team");
  await expect(page.getByRole("table", { name: "Pending invitations" }).getByRole("cell", { name: viewerEmail })).toHaveCount(0);
  await page.getByLabel(`Role of ${viewerEmail}`).selectOption("billing");
  await expect(page.getByText(`${viewerEmail}'s role is now billing.`)).toBeVisible();
  // The last owner cannot step down.
  await page.getByLabel(`Role of ${ownerEmail}`).selectOption("admin");
  await expect(page.getByText("An organization must keep at least one owner")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Role of ${ownerEmail}`)).toHaveValue("owner");
  await shotBothWidths(page, "team-members");
});
