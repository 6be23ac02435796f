import { expect, test } from "@playwright/test";
import { shot, signUp } from "./helpers";

test.use({ timezoneId: "UTC" });

// The dashboard's reconciliation: the sidebar leads to the runs, "Run now" names the field it
// refuses, and a run opens on its own page. The form's default range (yesterday, UTC) comes from
// the clock; nothing asserted depends on which day it is.
test("an operator runs a reconciliation from the dashboard and opens the run", async ({ page }) => {
  await signUp(page, "Reconciliation AI");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reconciliation" }).click();
  await expect(page.getByRole("heading", { name: "Reconciliation", level: 1 })).toBeVisible();
  await expect(page.getByText("No reconciliation runs yet")).toBeVisible();

  const from = page.getByLabel("From (UTC)");
  const to = page.getByLabel("To (UTC, not included)");
  const defaultTo = await to.inputValue();
  await to.fill(await from.inputValue());
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByText(/must be after from/)).toBeVisible();
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await shot(page, "reconciliation-error");

  await to.fill(defaultTo);
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page).toHaveURL(/\/reconciliation\/[0-9a-f-]+$/);
  await expect(page.getByText("Reconciled: no mismatches.")).toBeVisible();
  await expect(page.getByText("No mismatches", { exact: true })).toBeVisible();
  await expect(page.getByText("Every payment, refund and invoice in the range agrees")).toBeVisible();
  await shot(page, "reconciliation-run");

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Reconciliation" }).click();
  const rows = page.getByRole("table", { name: "Reconciliation runs" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Succeeded");
  await shot(page, "reconciliation-runs");
});
