import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { Conflict, Forbidden, Invalid } from "@/server/errors";
import { submitSandboxCheckout } from "@/server/payments/sandbox-checkout";
import { buyPortalCredits, getPortalCredits, setPortalAutoRecharge } from "@/server/portal/credits";
import { billedOrganization, portalSessionFor } from "./billing-fixtures";

const NOW = new Date("2026-01-15T12:00:00Z");

async function withBounds(minimum: string | null, maximum: string | null) {
  const setup = await billedOrganization({ card: "4242424242424242" });
  await db.organization.update({ where: { id: setup.org.organizationId }, data: { topUpMinimum: minimum, topUpMaximum: maximum } });
  return setup;
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Invalid);
  return (error as Invalid).issues;
};

describe("portal credits", () => {
  it("shows the bounds and refuses a purchase outside them, naming the amount", async () => {
    const { c1 } = await withBounds("10", "500");
    const credits = await getPortalCredits(c1, { now: NOW });
    expect(credits.topUp).toEqual({ minimum: "10.00", maximum: "500.00" });
    expect(await refusal(buyPortalCredits(c1, { amount: "9.99" }, { now: NOW }))).toEqual([{ path: "amount", message: "must be at least 10.00 USD" }]);
    expect(await refusal(buyPortalCredits(c1, { amount: "500.01" }, { now: NOW }))).toEqual([{ path: "amount", message: "must be at most 500.00 USD" }]);
    expect(await refusal(buyPortalCredits(c1, { amount: "ten" }, { now: NOW }))).toEqual([{ path: "amount", message: "must be an amount such as 25.00" }]);
    expect(await refusal(buyPortalCredits(c1, { amount: "12.345" }, { now: NOW }))).toMatchObject([{ path: "amount" }]);
    expect(await db.checkoutSession.count({ where: { customerId: c1.customerId } })).toBe(0);
  });

  it("buys credits through a top-up checkout: the balance and the history show the grant", async () => {
    const { c1 } = await withBounds("10", null);
    const { url } = await buyPortalCredits(c1, { amount: "1,250.00" }, { now: NOW });
    const sessionId = url.split("/").pop()!;
    const checkout = await db.checkoutSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(checkout).toMatchObject({ purpose: "top_up", customerId: c1.customerId });
    expect(checkout.amount?.toFixed(2)).toBe("1250.00");
    expect(checkout.returnUrl).toMatch(/\/portal\/credits$/);
    expect(await submitSandboxCheckout(db, sessionId, { cardNumber: "4242424242424242", authorized: false }, { now: NOW })).toEqual({ status: "complete" });

    const credits = await getPortalCredits(c1, { now: NOW });
    expect(credits.balance.balance).toBe("1250.00");
    expect(credits.activeGrants).toMatchObject([{ amount: "1250.00", remaining: "1250.00", paid: true }]);
    expect(credits.history.entries).toMatchObject([{ type: "grant", amount: "1250.00", balanceAfter: "1250.00" }]);
  });

  it("sets up auto-recharge with one of the customer's cards, names bad fields, and turns it off", async () => {
    const { c1, c2 } = await withBounds(null, null);
    const [theirCard] = await db.paymentMethod.findMany({ where: { customerId: c2.customerId } });
    expect(await refusal(setPortalAutoRecharge(c1, { threshold: "abc", amount: "50" }))).toMatchObject([{ path: "threshold" }]);
    expect(await refusal(setPortalAutoRecharge(c1, { threshold: "5", amount: "0" }))).toMatchObject([{ path: "amount", message: "must be greater than 0" }]);
    expect(await refusal(setPortalAutoRecharge(c1, { threshold: "5", amount: "50.001" }))).toMatchObject([{ path: "amount" }]);
    expect(await refusal(setPortalAutoRecharge(c1, { threshold: "5", amount: "50", paymentMethodId: theirCard!.id }))).toMatchObject([{ path: "paymentMethodId" }]);

    expect(await setPortalAutoRecharge(c1, { threshold: "5", amount: "50", paymentMethodId: "" })).toMatchObject({ threshold: "5.00", amount: "50.00", paymentMethodId: null, status: "active" });
    expect((await getPortalCredits(c1, { now: NOW })).autoRecharge).toMatchObject({ allowed: true, setting: { threshold: "5.00", amount: "50.00" } });
    expect(await setPortalAutoRecharge(c1, null)).toBeNull();
  });

  it("offers no auto-recharge where the organization does not allow it, nor without a card", async () => {
    const { org, c1 } = await billedOrganization();
    expect(await refusal(setPortalAutoRecharge(c1, { threshold: "5", amount: "50" }))).toEqual([{ path: "paymentMethodId", message: "add a card first: each recharge is charged to one of your saved cards" }]);
    await db.organization.update({ where: { id: org.organizationId }, data: { autoRechargeAllowed: false } });
    expect((await getPortalCredits(c1, { now: NOW })).autoRecharge.allowed).toBe(false);
    await expect(setPortalAutoRecharge(c1, { threshold: "5", amount: "50" })).rejects.toBeInstanceOf(Conflict);
  });

  it("refuses every change from an operator's read-only preview", async () => {
    const { org } = await withBounds(null, null);
    const preview = await portalSessionFor(org, "c1", { preview: true });
    expect((await getPortalCredits(preview, { now: NOW })).balance.balance).toBe("0.00");
    await expect(buyPortalCredits(preview, { amount: "20" })).rejects.toBeInstanceOf(Forbidden);
    await expect(setPortalAutoRecharge(preview, { threshold: "5", amount: "50" })).rejects.toBeInstanceOf(Forbidden);
    await expect(setPortalAutoRecharge(preview, null)).rejects.toBeInstanceOf(Forbidden);
  });
});
