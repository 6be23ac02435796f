import { db } from "../db";
import { getOrganizationOrThrow } from "../organizations/organization";
import { getSession } from "./next-auth";
import { resolveOperator } from "./operator";

/** The signed-in operator and their organization, for the dashboard's frame; null when signed out. */
export async function getDashboardOperator() {
  const operator = await resolveOperator(db, await getSession());
  if (!operator) return null;
  const organization = await getOrganizationOrThrow({ db, ...operator });
  return { operator, organization };
}
