import { inngestConfigured } from "../env";
import { startEventRelay, type EventRelayOptions } from "../events/relay";
import { inngest } from "./client";
import { inngestForwarder } from "./forward";
import { functions } from "./functions";

// Loading the job registry registers every job's in-process consumer. Only composition roots
// (instrumentation.ts, the CLI, the seed, test setup) import this module: domain code records
// events and never sees the jobs that consume them.
void functions;

/** Starts the outbox relay: to Inngest when it is configured, to the registered jobs otherwise. */
export function startJobs(options: Omit<EventRelayOptions, "forward"> = {}) {
  return startEventRelay({ ...options, forward: inngestConfigured ? inngestForwarder(inngest) : null });
}
