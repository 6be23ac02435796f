import { toDecimal } from "../billing/decimal";
import { ledgerAmount } from "../ledger/ledger-reads";

/** A numeric column's text as the API writes decimals: "0.2", not "0.200000000000". */
export const exactDecimal = (text: string | null) => (text === null ? null : toDecimal(text).toFixed());

/** An amount with the currency's minor-unit digits ("12.30"), exact where it is finer. */
export const money = (text: string | null, currency: string) => (text === null ? null : ledgerAmount(toDecimal(text), currency));

export const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());
