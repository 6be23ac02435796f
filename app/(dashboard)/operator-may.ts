import { decideMutation } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/server-caller";

/**
 * "May this operator do X?" for pages, from the same table the server enforces: pages ask by the
 * procedure a button calls (`may("plans.create")`) and leave out what the answer would refuse.
 */
export async function operatorMay(): Promise<(procedurePath: string) => boolean> {
  const me = await (await serverCaller()).team.me();
  return (procedurePath) => decideMutation(me.role, procedurePath).allowed;
}
