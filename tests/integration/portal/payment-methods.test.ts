import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { Conflict, Forbidden, NotFound } from "@/server/errors";
import { submitSandboxCheckout } from "@/server/payments/sandbox-checkout";
import { addPortalPaymentMethod, listPortalPaymentMethods, removePortalPaymentMethod, setPortalDefaultPaymentMethod } from "@/server/portal/payment-methods";
import { billedOrganization, portalSessionFor } from "./billing-fixtures";

describe("portal payment methods", () => {
  it("adds a card through a setup checkout that returns to the page; the new card becomes the default and can be switched back", async () => {
    const { c1 } = await billedOrganization({ card: "4000000000000341" });
    const [declining] = await listPortalPaymentMethods(c1);
    expect(declining).toMatchObject({ last4: "0341", isDefault: true });

    const { url } = await addPortalPaymentMethod(c1);
    const sessionId = url.split("/").pop()!;
    const checkout = await db.checkoutSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(checkout).toMatchObject({ purpose: "payment_method", amount: null, customerId: c1.customerId });
    expect(checkout.returnUrl).toMatch(/\/portal\/payment-methods$/);
    expect(await submitSandboxCheckout(db, sessionId, { cardNumber: "4242424242424242", authorized: false })).toEqual({ status: "complete" });

    const methods = await listPortalPaymentMethods(c1);
    expect(methods.map((m) => [m.last4, m.isDefault])).toEqual([["4242", true], ["0341", false]]);
    await setPortalDefaultPaymentMethod(c1, declining!.id);
    expect((await listPortalPaymentMethods(c1)).map((m) => [m.last4, m.isDefault])).toEqual([["4242", false], ["0341", true]]);
    expect(methods.every((m) => m.removeBlockedBy === null)).toBe(true);
  });

  it("explains, before the click, why the only card cannot go while an invoice is open with automatic collection, and refuses it", async () => {
    // A declining card: finalize's charge fails and the invoice stays open, in dunning.
    const { c1, invoiceOf } = await billedOrganization({ card: "4000000000000341" });
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: (await invoiceOf("c1")).id } });
    expect(invoice.status).toBe("open");
    const [only] = await listPortalPaymentMethods(c1);
    expect(only!.removeBlockedBy).toBe(`This is your only card, and invoice ${invoice.number} is open: it will be charged to this card automatically. Add another card first, or pay the invoice.`);
    await expect(removePortalPaymentMethod(c1, only!.id)).rejects.toBeInstanceOf(Conflict);
  });

  it("lets the only card go when automatic collection is off", async () => {
    const { c1, org } = await billedOrganization({ card: "4000000000000341", autoCollection: false });
    const [only] = await listPortalPaymentMethods(c1);
    expect(only!.removeBlockedBy).toBeNull();
    await removePortalPaymentMethod(c1, only!.id);
    expect(await listPortalPaymentMethods(c1)).toEqual([]);
    const audit = await db.auditLog.findFirst({ where: { organizationId: org.organizationId, action: "payment_method.removed" } });
    expect(audit).toMatchObject({ actorType: "customer", actorId: c1.customerId });
  });

  it("answers NotFound for another customer's card, and the card is untouched", async () => {
    const { c1, c2 } = await billedOrganization({ card: "4242424242424242" });
    const [theirs] = await listPortalPaymentMethods(c2);
    await expect(setPortalDefaultPaymentMethod(c1, theirs!.id)).rejects.toBeInstanceOf(NotFound);
    await expect(removePortalPaymentMethod(c1, theirs!.id)).rejects.toBeInstanceOf(NotFound);
    expect(await listPortalPaymentMethods(c2)).toMatchObject([{ id: theirs!.id, isDefault: true }]);
  });

  it("refuses every change from an operator's read-only preview", async () => {
    const { org } = await billedOrganization({ card: "4242424242424242" });
    const preview = await portalSessionFor(org, "c1", { preview: true });
    const [card] = await listPortalPaymentMethods(preview);
    await expect(addPortalPaymentMethod(preview)).rejects.toBeInstanceOf(Forbidden);
    await expect(setPortalDefaultPaymentMethod(preview, card!.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(removePortalPaymentMethod(preview, card!.id)).rejects.toBeInstanceOf(Forbidden);
    expect(await listPortalPaymentMethods(preview)).toHaveLength(1);
  });
});
