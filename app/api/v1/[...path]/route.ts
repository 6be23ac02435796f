import { handleRestRequest } from "@/server/trpc/rest-handler";

export const dynamic = "force-dynamic";

export { handleRestRequest as GET, handleRestRequest as POST, handleRestRequest as PATCH, handleRestRequest as PUT, handleRestRequest as DELETE };
