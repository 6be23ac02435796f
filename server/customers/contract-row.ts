import { z } from "zod";
import type { Contract } from "../generated/prisma/client";
import { parseJsonColumn } from "../validation/json-column";
import { ZPriceOverride, type TPriceOverride } from "./contract-schemas";

const ZStoredOverrides = z.array(ZPriceOverride);

type JsonColumns = Pick<Contract, "id" | "priceOverrides">;
export type ParsedContract<R extends JsonColumns = Contract> = Omit<R, "priceOverrides"> & { priceOverrides: TPriceOverride[] };

// Billing runs derive a contract's terms several times from one row read: parsed once per row object.
const parsed = new WeakMap<JsonColumns, TPriceOverride[]>();

/** A Contract row with its JSON columns parsed; throws CorruptRow when they do not parse. */
export function toContract<R extends JsonColumns>(row: R): ParsedContract<R> {
  let priceOverrides = parsed.get(row);
  if (!priceOverrides) {
    priceOverrides = parseJsonColumn(ZStoredOverrides, row.priceOverrides, { table: "Contract", id: row.id, column: "priceOverrides" });
    parsed.set(row, priceOverrides);
  }
  return { ...row, priceOverrides };
}
