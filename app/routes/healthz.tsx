import prisma from "../db.server";

/** How long the database may take to answer before the instance reports itself unhealthy. */
const DATABASE_TIMEOUT_MS = 2_000;

// For the load balancer or orchestrator: 200 when this instance can reach its
// database, else 503. Unauthenticated by design; it reads nothing of any shop.
export const loader = async () => {
  const database = await Promise.race([
    prisma.$queryRaw`SELECT 1`.then(() => "ok" as const, () => "unreachable" as const),
    new Promise<"timeout">((resolve) => setTimeout(resolve, DATABASE_TIMEOUT_MS, "timeout").unref()),
  ]);
  const ok = database === "ok";
  return Response.json({ status: ok ? "ok" : "unavailable", database }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
};
