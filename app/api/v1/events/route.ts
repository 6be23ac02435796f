import { handleSingleEvent } from "@/server/usage/http";

export const dynamic = "force-dynamic";
export const POST = handleSingleEvent;
