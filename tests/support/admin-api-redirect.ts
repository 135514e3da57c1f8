/**
 * Sends the app's requests to https://<shop>.myshopify.com/admin/… to the local
 * Admin API server (admin-api-mock.ts) instead, marking which shop they were
 * for; app code is unchanged. The mock installs it in its own process; an app
 * running as a separate process (the load benchmark's instances) installs it
 * by preloading admin-api-preload.ts.
 */
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

export function isShopAdmin(url: URL): boolean {
  return url.protocol === "https:" && url.hostname.endsWith(".myshopify.com") && url.pathname.startsWith("/admin/");
}

export function isLocal(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname);
}

/** `original`, except that Shopify admin requests go to the mock at `baseUrl`; `elsewhere` answers any other non-local request. */
export function redirectingFetch(baseUrl: string, original: typeof fetch, elsewhere: (request: Request) => Promise<Response>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (isShopAdmin(url)) {
      const headers = new Headers(request.headers);
      headers.set("x-mock-shop", url.hostname);
      headers.set("x-mock-original-url", url.href);
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
      return original(`${baseUrl}${url.pathname}${url.search}`, { method: request.method, headers, body, signal: request.signal });
    }
    if (isLocal(url)) return original(input, init);
    return elsewhere(request);
  };
}

/** Installs `fetch` as globalThis.fetch and as @shopify/shopify-api's fetch (which captured fetch when it was imported). */
export function installFetch(fetchFunction: typeof fetch) {
  globalThis.fetch = fetchFunction;
  setAbstractFetchFunc(fetchFunction);
}
