import { describe, expect, it } from "vitest";
import { Decimal as PrismaDecimal } from "@prisma/client/runtime/client";
import { priceUsage } from "@/server/billing/charge-models";
import { roundMoney } from "@/server/billing/money";
import { expectDecimal } from "./expect-decimal";

describe("Prisma's Decimal", () => {
  it("is accepted as engine input, re-wrapped at 40 digits", () => {
    const amount = priceUsage({ model: "per_unit", unitPrice: "0.000000150000" }, { quantity: new PrismaDecimal("2000000") });
    expectDecimal(amount, "0.3");
    expectDecimal(roundMoney(new PrismaDecimal("1.005"), "USD"), "1.01");
    expect(roundMoney(new PrismaDecimal("1").div(3), "USD").toFixed(2)).toBe("0.33");
  });
});
