import type { EventType } from "inngest";
import type { z } from "zod";
import { inngest } from "./client";

type Run = <T>(stepId: string, fn: () => Promise<T>) => Promise<T>;

interface JobDefinition<TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>> {
  id: string;
  trigger: EventType<string, TSchema>;
  handler: (args: { data: z.infer<TSchema>; run: Run }) => Promise<unknown>;
}

const localHandlers = new Map<string, ((data: unknown) => Promise<unknown>)[]>();

/**
 * Declares an Inngest function whose body is a sequence of named steps over domain services.
 * The same handler is registered for in-process dispatch, used when no Inngest server is
 * configured (offline machines, tests): steps then simply run in order.
 */
export function defineEventJob<TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(definition: JobDefinition<TSchema>) {
  const { id, trigger, handler } = definition;
  const schema = trigger.schema as TSchema;
  const list = localHandlers.get(trigger.name) ?? [];
  list.push((data) => handler({ data: schema.parse(data), run: (_stepId, fn) => fn() }));
  localHandlers.set(trigger.name, list);

  return inngest.createFunction({ id, triggers: [trigger] }, async ({ event, step }) =>
    handler({
      data: schema.parse(event.data),
      run: (stepId, fn) => step.run(stepId, fn) as Promise<never>,
    }),
  );
}

export function localHandlersFor(eventName: string) {
  return localHandlers.get(eventName) ?? [];
}
