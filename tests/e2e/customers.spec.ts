import { expect, test } from "@playwright/test";
import { createApiKey, post, shot, signUp } from "./helpers";

// The dialogs take "now" from the browser: its clock is fixed on dates in the past, so proration
// reads the same whatever day the suite runs. The contract starts on Jan 16, 2026 (Europe/Paris),
// changes plan on Mar 10 and the new plan is canceled on Mar 20.
const PLAN_CHANGE_AT = new Date("2026-03-10T11:00:00Z");
const CANCEL_AT = new Date("2026-03-20T11:00:00Z");

test("an operator creates a customer, signs them to a plan with a preview, grants credits and changes and cancels plans with the proration stated first", async ({ page, request }) => {
  await page.clock.setFixedTime(PLAN_CHANGE_AT);
  await signUp(page, "Customers AI");
  const key = await createApiKey(page);
  // Two monthly plans with advance and arrears flat fees (the catalog UI has its own spec).
  await post(request, key, "/plans", {
    code: "pro",
    name: "Pro",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "flat", name: "Platform fee", amount: "49" },
      { type: "flat", name: "Support", amount: "10", timing: "arrears" },
    ],
  });
  await post(request, key, "/plans", {
    code: "scale",
    name: "Scale",
    currency: "USD",
    interval: "month",
    charges: [
      { type: "flat", name: "Scale platform fee", amount: "199" },
      { type: "flat", name: "Priority support", amount: "20", timing: "arrears" },
    ],
  });

  // Create the customer through the dashboard; the server names the bad field.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await expect(page.getByText("No customers yet")).toBeVisible();
  await page.getByRole("link", { name: "New customer" }).first().click();
  await page.getByLabel("External ID").fill("acme");
  await page.getByLabel("Name", { exact: true }).fill("Acme AI");
  await page.getByLabel("Billing e-mail").fill("billing@acme.example");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByLabel("Tax rate").fill("0.2");
  await page.getByLabel("City").fill("Paris");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("must be an IANA timezone")).toBeVisible();
  await expect(page.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Time zone").fill("Europe/Paris");
  await shot(page, "customer-new");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(/\/customers\/acme\?created=1$/);
  await expect(page.getByRole("heading", { name: "Acme AI", level: 1 })).toBeVisible();
  await expect(page.getByText("Customer created.")).toBeVisible();
  await expect(page.getByTestId("credit-balance")).toHaveText("$0.00");

  // The list: search and billing-mode filter.
  await nav.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("row", { name: /Acme AI/ })).toContainText("Postpaid");
  await page.getByLabel("Search customers").fill("billing@acme");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/search=billing%40acme/);
  await expect(page.getByRole("row", { name: /Acme AI/ })).toBeVisible();
  await page.getByLabel("Billing mode").selectOption("prepaid");
  await expect(page.getByText("No customer matches")).toBeVisible();
  await page.getByLabel("Billing mode").selectOption("postpaid");
  await expect(page.getByRole("row", { name: /Acme AI/ })).toContainText("Europe/Paris");
  await shot(page, "customers");
  await page.getByRole("link", { name: "Acme AI" }).click();

  // Contract from a plan, with the engine's preview of the first periods and the opening invoice.
  await page.getByRole("link", { name: "New contract" }).first().click();
  await expect(page.getByLabel("Plan", { exact: true })).toHaveValue("pro");
  await page.getByLabel("Starts at").fill("2026-01-16T00:00");
  const preview = page.getByRole("region", { name: "Contract preview" });
  const periods = preview.getByRole("list", { name: "First periods" }).getByRole("listitem");
  await expect(periods).toHaveCount(3);
  await expect(periods.nth(0)).toContainText("Jan 16 – Jan 31, 2026");
  await expect(periods.nth(0)).toContainText("Partial, prorated");
  await expect(periods.nth(1)).toContainText("Feb 1 – Feb 28, 2026");
  const opening = preview.getByRole("list", { name: "Opening invoice" });
  // 49 × 16/31 days = 25.29 (the arrears Support fee comes when the period closes).
  await expect(opening.getByRole("listitem")).toHaveText([/Platform fee \(16\/31 days\).*\$25\.29/]);
  await expect(preview.getByTestId("preview-total")).toHaveText("$25.29");
  await shot(page, "contract-new-preview");
  await page.getByRole("button", { name: "Create contract" }).click();
  await expect(page.getByText("Contract created.")).toBeVisible();
  const pro = page.getByRole("listitem", { name: "Contract Pro" });
  await expect(pro).toContainText("Active");
  await expect(pro).toContainText("Current period");

  // Credits: a field error from the server, then a grant and the new balance.
  await page.getByRole("button", { name: "Grant credits" }).click();
  const grant = page.getByRole("dialog", { name: "Grant credits" });
  await grant.getByLabel("Amount (USD)").fill("12.345");
  await grant.getByRole("button", { name: "Grant credits" }).click();
  await expect(grant.getByText("must have at most 2 decimal places for USD")).toBeVisible();
  await grant.getByLabel("Amount (USD)").fill("100");
  await grant.getByLabel("Reason").fill("Welcome credits");
  await shot(page, "credit-grant-dialog");
  await grant.getByRole("button", { name: "Grant credits" }).click();
  await expect(grant).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Credits granted" })).toContainText("$100.00");
  await expect(page.getByTestId("credit-balance")).toHaveText("$100.00");
  const history = page.getByRole("table", { name: "Balance history" });
  await expect(history.getByRole("row", { name: /Welcome credits/ })).toContainText("+$100.00");
  await expect(page.getByRole("list", { name: "Credit grants" })).toContainText("Free grant · Welcome credits");

  // Change plan: the dialog states the old contract's proration and the new plan's advance items first.
  await pro.getByRole("button", { name: "Change plan of Pro" }).click();
  const change = page.getByRole("dialog", { name: "Change plan from Pro" });
  await expect(change.getByLabel("New plan", { exact: true })).toHaveValue("scale");
  const oldEffects = change.getByRole("list", { name: "Proration effect" }).getByRole("listitem");
  // Pro's March days before the change are prorated; Scale is billed Mar 10–31 in advance.
  await expect(oldEffects.filter({ hasText: /Support \(\d+\/31 days\)/ })).toHaveCount(1);
  await expect(change.getByRole("list", { name: "New plan's advance items" })).toContainText("Scale platform fee (22/31 days)");
  const stated = await oldEffects.allTextContents();
  await shot(page, "contract-change-plan-dialog");
  await change.getByRole("button", { name: "Change plan" }).click();
  await expect(change).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Plan changed from Pro to Scale." })).toBeVisible();
  const scale = page.getByRole("listitem", { name: "Contract Scale" });
  await expect(scale).toContainText("Active");
  const proAfter = page.getByRole("listitem", { name: "Contract Pro" });
  await expect(proAfter).toContainText("Canceled");
  await expect(proAfter).toContainText("(plan change)");
  // What the server recorded is what the dialog stated.
  await expect(proAfter.getByRole("list", { name: "Proration of Pro" }).getByRole("listitem")).toHaveText(stated);

  // Cancel immediately: the effect on the final invoice is shown before confirming.
  await page.clock.setFixedTime(CANCEL_AT);
  await scale.getByRole("button", { name: "Cancel contract Scale" }).click();
  const cancel = page.getByRole("dialog", { name: "Cancel Scale" });
  await expect(cancel.getByTestId("proration-preview")).toContainText("nothing is credited");
  await cancel.getByRole("radio", { name: /Immediately/ }).check();
  const effects = cancel.getByRole("list", { name: "Proration effect" }).getByRole("listitem");
  await expect(effects.filter({ hasText: /Priority support \(\d+\/\d+ days\)/ })).toHaveCount(1);
  await expect(cancel.getByTestId("proration-preview")).toContainText("flat fees are prorated to the days used");
  const cancelStated = await effects.allTextContents();
  await shot(page, "contract-cancel-dialog");
  await cancel.getByRole("button", { name: "Cancel contract" }).click();
  await expect(cancel).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Scale canceled." })).toBeVisible();
  const scaleAfter = page.getByRole("listitem", { name: "Contract Scale" });
  await expect(scaleAfter).toContainText("Canceled");
  await expect(scaleAfter).toContainText("Canceled immediately");
  await expect(scaleAfter.getByRole("list", { name: "Proration of Scale" }).getByRole("listitem")).toHaveText(cancelStated);
  // Scale's opening invoice (Mar 10–31 in advance, $141.23) was issued with the new contract and
  // took the $100.00 of credits.
  await expect(page.getByTestId("credit-balance")).toHaveText("$0.00");
  await expect(history.getByRole("row", { name: /Applied to invoice INV-/ })).toContainText("−$100.00");
  await shot(page, "customer-detail");

  // Edit: the form comes prefilled; switching to prepaid shows in the header.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByLabel("External ID")).toHaveValue("acme");
  await expect(page.getByLabel("City")).toHaveValue("Paris");
  await page.getByLabel("Billing mode").selectOption("prepaid");
  await page.getByLabel("Low-balance threshold").fill("20");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByText("Prepaid: usage drawn from credits as it arrives")).toBeVisible();
  // Prepaid with nothing left (the credits paid Scale's opening invoice): blocked, alert at $20.00.
  await expect(page.getByText("Blocked: prepaid usage is refused")).toBeVisible();
  await expect(page.locator("dt", { hasText: "Low-balance alert" }).locator("xpath=following-sibling::dd")).toHaveText("$20.00");
});
