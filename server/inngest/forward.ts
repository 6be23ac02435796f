import type { Inngest } from "inngest";
import type { ForwardEvent } from "../events/relay";

/**
 * The relay's Inngest mode: each recorded event is sent with its own id, so Inngest drops a
 * second send of it (a retry after a lost answer, a restart before the row was marked sent).
 */
export function inngestForwarder(client: Inngest.Any): ForwardEvent {
  return async (event) => {
    await client.send({ id: event.id, name: event.type, data: event.data as Record<string, unknown> });
  };
}
