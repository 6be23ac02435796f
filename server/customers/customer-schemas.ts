import { z } from "zod";
import { isTimezone } from "../billing/local-time";
import { ZCode, ZName } from "../catalog/codes";
import { ZCurrency } from "../catalog/plan-schemas";
import { ZDecimal } from "../validation/decimal";

export const BILLING_MODES = ["postpaid", "prepaid"] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

/** A non-negative amount of money, less than 10^15 (the currency's minor unit is checked by the service). */
export const ZMoney = ZDecimal;
/** A strictly positive amount of money. */
export const ZPositiveMoney = ZMoney.refine((v) => /[1-9]/.test(v), "must be greater than 0");

export const ZTimezone = z
  .string({ error: "is required" })
  .trim()
  .refine(isTimezone, "must be an IANA timezone such as Europe/Paris or UTC");

export const ZEmail = z.email({ error: "must be an e-mail address" }).max(320, "must be at most 320 characters");

const addressLine = z.string({ error: "must be a string" }).trim().max(200, "must be at most 200 characters").optional();
export const ZAddress = z.object(
  {
    line1: addressLine,
    line2: addressLine,
    city: addressLine,
    state: addressLine,
    postalCode: addressLine,
    country: addressLine,
  },
  { error: "must be an object with line1, line2, city, state, postalCode, country" },
);
export type TAddress = z.infer<typeof ZAddress>;

const MAX_METADATA_KEYS = 50;
export const ZMetadata = z
  .record(
    z.string().min(1, "keys must not be empty").max(40, "keys must be at most 40 characters"),
    z.string({ error: "values must be strings" }).max(500, "values must be at most 500 characters"),
    { error: "must be an object of string values" },
  )
  .refine((m) => Object.keys(m).length <= MAX_METADATA_KEYS, `must hold at most ${MAX_METADATA_KEYS} keys`);

export const ZTaxRate = ZDecimal.refine((v) => {
  const [integer, fraction = ""] = v.split(".");
  return integer === "0" || (integer === "1" && /^0*$/.test(fraction));
}, "must be a fraction between 0 and 1 (0.2 is 20 %)");

export const ZAutoRecharge = z.object(
  {
    threshold: ZMoney,
    amount: ZPositiveMoney,
    paymentMethodId: z
      .string({ error: "must be a payment method id, or null for the default payment method" })
      .trim()
      .min(1, "must be a payment method id, or null for the default payment method")
      .max(64, "must be a payment method id")
      .nullish()
      .describe("The customer's payment method recharges charge; omitted or null: the default payment method"),
  },
  { error: "must be an object { threshold, amount, paymentMethodId? }" },
);
export type TAutoRecharge = z.infer<typeof ZAutoRecharge>;

const ZBillingMode = z.enum(BILLING_MODES, { error: "must be postpaid or prepaid" });

/** Charge finalized invoices automatically: true or false overrides the organization's setting, null follows it. */
const ZAutoCollection = z.boolean({ error: "must be true, false or null (the organization's setting)" });

export const ZCreateCustomer = z.object({
  externalId: ZCode,
  name: ZName,
  email: ZEmail,
  currency: ZCurrency,
  timezone: ZTimezone.default("UTC"),
  billingMode: ZBillingMode.default("postpaid"),
  taxRate: ZTaxRate.default("0"),
  address: ZAddress.nullish(),
  metadata: ZMetadata.default({}),
  lowBalanceThreshold: ZMoney.nullish(),
  autoRecharge: ZAutoRecharge.nullish(),
  autoCollection: ZAutoCollection.nullish(),
});
export type TCreateCustomer = z.infer<typeof ZCreateCustomer>;

/** Everything but `externalId`; `null` clears an optional setting. */
export const ZUpdateCustomer = z.object({
  name: ZName.optional(),
  email: ZEmail.optional(),
  currency: ZCurrency.optional(),
  timezone: ZTimezone.optional(),
  billingMode: ZBillingMode.optional(),
  taxRate: ZTaxRate.optional(),
  address: ZAddress.nullish(),
  metadata: ZMetadata.optional(),
  lowBalanceThreshold: ZMoney.nullish(),
  autoRecharge: ZAutoRecharge.nullish(),
  autoCollection: ZAutoCollection.nullish(),
});
export type TUpdateCustomer = z.infer<typeof ZUpdateCustomer>;

export const ZCustomerListFilter = z.object({
  search: z.string().trim().max(200, "must be at most 200 characters").optional(),
  billingMode: ZBillingMode.optional(),
});
export type TCustomerListFilter = z.infer<typeof ZCustomerListFilter>;
