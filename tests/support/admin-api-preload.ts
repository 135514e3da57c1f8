/**
 * Preloaded into an app process (`tsx --import ./tests/support/admin-api-preload.ts …`)
 * so that its Admin API requests reach the local Admin API server at
 * ADMIN_API_MOCK_URL; any other outside request fails as an unreachable host.
 */
import { installFetch, redirectingFetch } from "./admin-api-redirect";

const baseUrl = process.env.ADMIN_API_MOCK_URL;
if (!baseUrl) throw new Error("admin-api-preload: set ADMIN_API_MOCK_URL");
installFetch(
  redirectingFetch(baseUrl, globalThis.fetch, async (request) => {
    throw new TypeError("fetch failed", { cause: new Error(`admin-api-preload: outbound request to ${new URL(request.url).host} blocked`) });
  }),
);
