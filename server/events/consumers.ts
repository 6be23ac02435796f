/**
 * The in-process consumers of each event type, for the relay's embedded mode (no Inngest). The
 * composition roots fill it by loading the job registry (server/inngest/functions); domain code
 * never does, which is what keeps the jobs (that call domain services) out of the services' imports.
 */
export interface EventConsumer {
  /** Stable: the relay records which consumers finished with an event under this id. */
  id: string;
  handle: (data: unknown) => Promise<unknown>;
}

const registry = globalThis as unknown as { easybillingEventConsumers?: Map<string, EventConsumer[]> };
// On globalThis: Next.js may evaluate this module once per bundle (instrumentation and routes).
const consumers = (registry.easybillingEventConsumers ??= new Map<string, EventConsumer[]>());

/** Registers (or, re-evaluated under a dev reload, replaces) a consumer of `eventName`. */
export function registerConsumer(eventName: string, consumer: EventConsumer): void {
  const list = (consumers.get(eventName) ?? []).filter((c) => c.id !== consumer.id);
  consumers.set(eventName, [...list, consumer]);
}

export function consumersOf(eventName: string): readonly EventConsumer[] {
  return consumers.get(eventName) ?? [];
}
