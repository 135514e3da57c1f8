/**
 * The local Admin API server (admin-api-mock.ts) as a process of its own, for
 * app instances started elsewhere (admin-api-preload.ts): `npm run bench:load`
 * runs it apart from the load generator, so that neither slows the other.
 * Prints `admin-api-mock: <url>` once it listens; stops on SIGTERM.
 */
import { startAdminApiMock } from "./admin-api-mock";

const mock = await startAdminApiMock();
console.log(`admin-api-mock: ${mock.url}`);
process.once("SIGTERM", () => void mock.close().then(() => process.exit(0)));
