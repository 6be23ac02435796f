import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type CustomerDto = Outputs["customers"]["get"];
export type ContractDto = Outputs["contracts"]["get"];
export type PlanDto = Outputs["plans"]["list"]["data"][number];
export type MetricDto = Outputs["metrics"]["list"]["data"][number];
