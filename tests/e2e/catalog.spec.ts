import { expect, test } from "@playwright/test";
import { shot, signUp } from "./helpers";

test("an operator defines an event schema, a metric and a graduated plan priced live by the simulator", async ({ page }) => {
  await signUp(page, "Catalog AI");
  const nav = page.getByRole("navigation", { name: "Main" });

  // Event schema: llm.completion with tokens (integer, required) and model (string).
  await nav.getByRole("link", { name: "Event schemas" }).click();
  await expect(page.getByRole("heading", { name: "Event schemas", level: 1 })).toBeVisible();
  await expect(page.getByText("No event schemas yet")).toBeVisible();
  await page.getByRole("link", { name: "New event schema" }).first().click();
  await page.getByLabel("Code").fill("llm.completion");
  await page.getByLabel("Name", { exact: true }).fill("LLM completion");
  await page.getByLabel("Description").fill("One call to a language model.");
  await page.getByLabel("Field 1 name").fill("tokens");
  await page.getByLabel("Field 1 type").selectOption("integer");
  await page.getByLabel("Field 1 required").check();
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("Field 2 name").fill("model");
  await page.getByLabel("Field 2 allowed values").fill("gpt-4o, gpt-4o-mini");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("Field 3 name").fill("3region");
  await page.getByRole("button", { name: "Create event schema" }).click();
  // A field-level error from the server, under the offending row.
  await expect(page.getByText("must start with a letter or _")).toBeVisible();
  await expect(page.getByLabel("Field 3 name")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "event-schema-new-error");
  await page.getByLabel("Field 3 name").fill("region");
  await page.getByRole("button", { name: "Create event schema" }).click();
  await expect(page).toHaveURL(/\/event-schemas\/llm\.completion$/);
  await expect(page.getByRole("heading", { name: "LLM completion", level: 1 })).toBeVisible();

  await nav.getByRole("link", { name: "Event schemas" }).click();
  const schemaRow = page.getByRole("row", { name: /llm\.completion/ });
  await expect(schemaRow).toContainText("LLM completion");
  await expect(schemaRow).toContainText("3");
  await expect(schemaRow).toContainText("Active");
  await shot(page, "event-schemas");

  // Metric: the sum of tokens, by model.
  await nav.getByRole("link", { name: "Metrics" }).click();
  await page.getByRole("link", { name: "New metric" }).first().click();
  await page.getByLabel("Code").fill("total_tokens");
  await page.getByLabel("Name", { exact: true }).fill("Total tokens");
  await expect(page.getByLabel("Event schema")).toHaveValue("llm.completion");
  await expect(page.getByLabel("Aggregation")).toHaveValue("sum");
  // Only numeric fields can be summed.
  await expect(page.getByLabel("Field", { exact: true }).locator("option")).toHaveText(["tokens (integer)"]);
  await page.getByRole("group", { name: "Group by" }).getByLabel("model").check();
  await shot(page, "metric-new");
  await page.getByRole("button", { name: "Create metric" }).click();
  await expect(page.getByRole("heading", { name: "Total tokens", level: 1 })).toBeVisible();
  await nav.getByRole("link", { name: "Metrics" }).click();
  await expect(page.getByRole("row", { name: /total_tokens/ })).toContainText("Sum");
  await shot(page, "metrics");

  // Removing a field the metric uses is refused with the server's 409, naming the metric.
  await page.getByRole("row", { name: /total_tokens/ }).getByRole("link", { name: "llm.completion" }).click();
  await page.getByRole("button", { name: "Remove field 1" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: 'metric "total_tokens" uses it' })).toBeVisible();
  await shot(page, "event-schema-conflict");

  // Plan: a platform fee and graduated tokens, priced by the simulator as the operator types.
  await nav.getByRole("link", { name: "Plans" }).click();
  await page.getByRole("link", { name: "New plan" }).first().click();
  await page.getByLabel("Code").fill("pro");
  await page.getByLabel("Name", { exact: true }).fill("Pro");
  await expect(page.getByLabel("Currency")).toHaveValue("USD");
  await page.getByRole("button", { name: "Add flat fee" }).click();
  const fee = page.getByRole("group", { name: "Charge 1" });
  await fee.getByLabel("Name", { exact: true }).fill("Platform fee");
  await fee.getByLabel("Amount").fill("49");
  await page.getByRole("button", { name: "Add usage charge" }).click();
  const usage = page.getByRole("group", { name: "Charge 2" });
  await expect(usage.getByLabel("Metric")).toHaveValue("total_tokens");
  await usage.getByLabel("Pricing model").selectOption("graduated");
  await usage.getByLabel("Tier 1 up to").fill("1000");
  await usage.getByLabel("Tier 1 unit price").fill("0.01");
  await usage.getByLabel("Tier 2 unit price").fill("0.008");

  const simulator = page.getByRole("region", { name: "Price simulator" });
  await simulator.getByLabel("Quantity for Total tokens").fill("1500");
  await expect(simulator.getByRole("listitem").filter({ hasText: "Total tokens" })).toContainText("$14.00");
  await expect(simulator.getByRole("listitem").filter({ hasText: "Platform fee" })).toContainText("$49.00");
  await expect(simulator.getByTestId("simulated-total")).toHaveText("$63.00");
  await shot(page, "plan-editor-simulator");

  // Tiers out of order: the simulator names the problem at once, the server under the input.
  await usage.getByRole("button", { name: "Add tier" }).click();
  await usage.getByLabel("Tier 2 up to").fill("500");
  await usage.getByLabel("Tier 2 unit price").fill("0.009");
  await expect(simulator.getByRole("listitem").filter({ hasText: "Total tokens" })).toContainText("must be greater than the previous tier");
  await expect(simulator.getByTestId("simulated-total")).toHaveText("$49.00");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(usage.getByText("must be greater than the previous tier's upTo (1000)")).toBeVisible();
  await expect(usage.getByLabel("Tier 2 up to")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "plan-editor-tier-error");
  await usage.getByRole("button", { name: "Remove tier 2" }).click();
  await expect(simulator.getByTestId("simulated-total")).toHaveText("$63.00");

  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page).toHaveURL(/\/plans\/pro$/);
  await expect(page.getByRole("heading", { name: /Pro/, level: 1 })).toContainText("v1");
  await expect(page.getByRole("row", { name: /Total tokens/ })).toContainText("Graduated");
  await shot(page, "plan-detail-v1");

  await nav.getByRole("link", { name: "Plans" }).click();
  const planRow = page.getByRole("row", { name: /pro/ });
  await expect(planRow).toContainText("Pro");
  await expect(planRow).toContainText("v1");
  await expect(planRow).toContainText("USD");
  await expect(planRow).toContainText("Monthly");
  await shot(page, "plans-v1");

  // Version 2: the same editor, prefilled; the first tier gets cheaper.
  await planRow.getByRole("link", { name: "pro" }).click();
  await page.getByRole("link", { name: "Publish new version" }).click();
  await expect(page.getByRole("heading", { name: "Publish version 2 of Pro" })).toBeVisible();
  const usageV2 = page.getByRole("group", { name: "Charge 2" });
  await expect(usageV2.getByLabel("Tier 1 up to")).toHaveValue("1000");
  await usageV2.getByLabel("Tier 1 unit price").fill("0.009");
  const simulatorV2 = page.getByRole("region", { name: "Price simulator" });
  await simulatorV2.getByLabel("Quantity for Total tokens").fill("1500");
  await expect(simulatorV2.getByTestId("simulated-total")).toHaveText("$62.00");
  await shot(page, "plan-new-version");
  await page.getByRole("button", { name: "Publish version 2" }).click();
  await expect(page.getByText("Version 2 published.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Pro/, level: 1 })).toContainText("v2");
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("link")).toHaveText([/Version 2\s*Latest/, /Version 1/]);
  await shot(page, "plan-detail-v2");

  await versions.getByRole("link", { name: /Version 1/ }).click();
  await expect(page.getByText("You are viewing version 1")).toBeVisible();
  await expect(page.getByRole("row", { name: /Total tokens/ })).toContainText("$0.01/unit");

  await nav.getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("row", { name: /pro/ })).toContainText("v2");
});

test("archiving takes a plan out of use until it is restored", async ({ page }) => {
  await signUp(page, "Catalog AI");
  await page.goto("/plans/new");
  await page.getByLabel("Code").fill("starter");
  await page.getByLabel("Name", { exact: true }).fill("Starter");
  await page.getByLabel("Currency").fill("eur");
  await page.getByRole("button", { name: "Add flat fee" }).click();
  const fee = page.getByRole("group", { name: "Charge 1" });
  await fee.getByLabel("Name", { exact: true }).fill("Seat");
  await fee.getByLabel("Amount").fill("12.5");
  await expect(page.getByRole("region", { name: "Price simulator" }).getByTestId("simulated-total")).toHaveText("€12.50");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page).toHaveURL(/\/plans\/starter$/);

  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Archive plan" }).click();
  await expect(page.getByText("This plan is archived.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Publish new version" })).toHaveCount(0);
  await page.getByRole("button", { name: "Restore" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore plan" }).click();
  await expect(page.getByRole("link", { name: "Publish new version" })).toBeVisible();
});
