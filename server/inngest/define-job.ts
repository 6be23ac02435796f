import { cron, type EventType } from "inngest";
import type { z } from "zod";
import { registerConsumer } from "../events/consumers";
import { inngest } from "./client";

type Run = <T>(stepId: string, fn: () => Promise<T>) => Promise<T>;

interface JobDefinition<TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>> {
  id: string;
  trigger: EventType<string, TSchema>;
  handler: (args: { data: z.infer<TSchema>; run: Run }) => Promise<unknown>;
}

/**
 * Declares an Inngest function whose body is a sequence of named steps over domain services.
 * The same handler is registered as an in-process consumer of the event, which the outbox relay
 * runs when no Inngest server is configured (offline machines, tests): steps then run in order.
 */
export function defineEventJob<TSchema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(definition: JobDefinition<TSchema>) {
  const { id, trigger, handler } = definition;
  const schema = trigger.schema as TSchema;
  registerConsumer(trigger.name, { id, handle: (data) => handler({ data: schema.parse(data), run: (_stepId, fn) => fn() }) });

  return inngest.createFunction({ id, triggers: [trigger] }, async ({ event, step }) =>
    handler({
      data: schema.parse(event.data),
      run: (stepId, fn) => step.run(stepId, fn) as Promise<never>,
    }),
  );
}

interface CronJobDefinition {
  id: string;
  /** A cron expression, e.g. "0 3 * * *" (daily at 03:00 UTC). */
  schedule: string;
  /** `now` is the run's instant, memoized in a step so a retried run sees the same one. */
  handler: (args: { now: Date; run: Run }) => Promise<unknown>;
}

const localCrons: CronJobDefinition[] = [];

/** The scheduled jobs, for the in-process scheduler used when no Inngest server is configured. */
export function localCronJobs(): readonly CronJobDefinition[] {
  return localCrons;
}

/**
 * Declares a scheduled Inngest function over idempotent domain services. Without an Inngest
 * server the app's own process schedules it (server/inngest/local-crons.ts); the services it calls
 * should still run on read where a late run would show (as credit expiry does).
 */
export function defineCronJob(definition: CronJobDefinition) {
  const { id, schedule, handler } = definition;
  localCrons.push(definition);
  return inngest.createFunction({ id, triggers: [cron(schedule)] }, async ({ step }) => {
    const now = await step.run("now", () => new Date().toISOString());
    return handler({ now: new Date(now), run: (stepId, fn) => step.run(stepId, fn) as Promise<never> });
  });
}
