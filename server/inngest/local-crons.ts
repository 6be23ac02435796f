import { Cron } from "croner";
import { localCronJobs } from "./define-job";
import { functions } from "./functions";

// Every job registers itself when its module loads.
void functions;

const started = globalThis as unknown as { easybillingLocalCrons?: Cron[] };

/**
 * Without an Inngest server nothing would run the scheduled jobs (billing runs, credit expiry,
 * webhook retries, contract announcements): the server process runs them itself, in UTC, each
 * never overlapping its previous run. croner parses the same five-field expressions as Inngest;
 * chosen over node-cron for its overrun protection and no dependencies. Idempotent services make
 * a second process (another `npm run dev`) harmless. Returns the running schedules.
 */
export function startLocalCrons(options: { log?: (line: string) => void } = {}): Cron[] {
  if (started.easybillingLocalCrons) return started.easybillingLocalCrons;
  const log = options.log ?? ((line: string) => console.log(`[crons] ${line}`));
  const jobs = localCronJobs().map(
    (job) =>
      new Cron(
        job.schedule,
        {
          name: job.id,
          timezone: "UTC",
          protect: true,
          unref: true,
          catch: (error) => console.error(`[crons] ${job.id} failed:`, error),
        },
        async () => {
          const result = await job.handler({ now: new Date(), run: (_stepId, fn) => fn() });
          if (result && typeof result === "object" && Object.values(result).some((v) => typeof v === "number" && v > 0)) log(`${job.id}: ${JSON.stringify(result)}`);
        },
      ),
  );
  started.easybillingLocalCrons = jobs;
  log(`no Inngest server configured: running ${jobs.map((j) => `${j.name} (${j.getPattern()})`).join(", ")} in this process`);
  return jobs;
}

export function stopLocalCrons(): void {
  for (const job of started.easybillingLocalCrons ?? []) job.stop();
  started.easybillingLocalCrons = undefined;
}
