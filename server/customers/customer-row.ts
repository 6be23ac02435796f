import type { Customer } from "../generated/prisma/client";
import { parseJsonColumn } from "../validation/json-column";
import { ZAddress, ZMetadata, type TAddress } from "./customer-schemas";

const ZStoredAddress = ZAddress.nullable();

type JsonColumns = Pick<Customer, "id" | "address" | "metadata">;
export type ParsedCustomer<R extends JsonColumns = Customer> = Omit<R, "address" | "metadata"> & { address: TAddress | null; metadata: Record<string, string> };

/** A Customer row with its JSON columns parsed; throws CorruptRow when they do not parse. */
export function toCustomer<R extends JsonColumns>(row: R): ParsedCustomer<R> {
  return {
    ...row,
    address: parseJsonColumn(ZStoredAddress, row.address, { table: "Customer", id: row.id, column: "address" }),
    metadata: parseJsonColumn(ZMetadata, row.metadata, { table: "Customer", id: row.id, column: "metadata" }),
  };
}
