import { z } from "zod";
import type { Charge, Commitment } from "../billing/types";
import type { PlanVersion } from "../generated/prisma/client";
import { parseJsonColumn } from "../validation/json-column";
import { ZStoredCharge, ZStoredCommitment } from "./plan-schemas";

const ZStoredCharges = z.array(ZStoredCharge);
const ZNullableCommitment = ZStoredCommitment.nullable();

type JsonColumns = Pick<PlanVersion, "id" | "charges" | "commitment">;
export type PlanVersionTerms = { charges: Charge[]; commitment: Commitment | null };
export type ParsedPlanVersion<R extends JsonColumns = PlanVersion> = Omit<R, "charges" | "commitment"> & PlanVersionTerms;

// Billing runs and prepaid rating derive a contract's terms several times from one row read; the
// row object is the key, so each read is parsed once and a fresh read is parsed afresh.
const parsed = new WeakMap<JsonColumns, PlanVersionTerms>();

/** A PlanVersion row with its JSON columns parsed; throws CorruptRow when they do not parse. */
export function toPlanVersion<R extends JsonColumns>(row: R): ParsedPlanVersion<R> {
  let terms = parsed.get(row);
  if (!terms) {
    terms = {
      charges: parseJsonColumn(ZStoredCharges, row.charges, { table: "PlanVersion", id: row.id, column: "charges" }),
      commitment: parseJsonColumn(ZNullableCommitment, row.commitment, { table: "PlanVersion", id: row.id, column: "commitment" }),
    };
    parsed.set(row, terms);
  }
  return { ...row, ...terms };
}
