import type { EventType } from "inngest";
import type { z } from "zod";
import { inngestConfigured } from "../env";
import { inngest } from "./client";
import { localHandlersFor } from "./define-job";

// Every job registers its local handler when the registry loads. Loaded on first dispatch, not
// imported at the top: the jobs import the services that publish, and a static import back would
// make a cycle whose evaluation order differs between Node, Turbopack and the production bundle.
let registry: Promise<unknown> | null = null;
const loadRegistry = () => (registry ??= import("./functions"));

/**
 * Emits a domain event after its transaction committed. With Inngest configured the event goes
 * to Inngest (deduplicated by `id`); otherwise the registered jobs run in-process right away.
 */
export async function publish<TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  type: EventType<string, TSchema>,
  data: z.infer<TSchema>,
  id: string,
): Promise<void> {
  if (inngestConfigured) {
    await inngest.send({ id, name: type.name, data: data as Record<string, unknown> });
    return;
  }
  await loadRegistry();
  for (const handler of localHandlersFor(type.name)) {
    try {
      await handler(data);
    } catch (error) {
      // The change that emitted the event is committed; a failed side effect is logged, not undone.
      console.error(`[jobs] ${type.name} ${id} failed:`, error);
    }
  }
}

const pending = new Set<Promise<void>>();

/**
 * Like publish, but without waiting for in-process jobs: with Inngest the two are the same (the
 * event is sent); without it the jobs run in the background of this process, as they would on
 * Inngest, so a billing run is not held up rendering e-mails. `drainLocalJobs` waits for them.
 */
export async function publishLater<TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  type: EventType<string, TSchema>,
  data: z.infer<TSchema>,
  id: string,
): Promise<void> {
  if (inngestConfigured) return publish(type, data, id);
  const job = publish(type, data, id).finally(() => pending.delete(job));
  pending.add(job);
}

/** Waits until every background job started by publishLater has finished (CLI exit, tests). */
export async function drainLocalJobs(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
