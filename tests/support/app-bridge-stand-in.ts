/**
 * A stand-in for App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js)
 * for a page of the app outside the Shopify admin: the browser tests and the
 * local demo. It defines `window.shopify` as the app uses it: `idToken()`
 * returns a real session token signed with the app's secret, the app's own
 * fetches carry it (as App Bridge adds it), toasts are shown and recorded in
 * `window.__toasts`, and the session-token bounce page (`?shopify-reload=…`)
 * comes back with a fresh token, as App Bridge does.
 */
export interface AppBridgeStandInOptions {
  shop: string;
  /**
   * Where tokens come from: "exposed", a `window.__cgIdToken()` the test exposes
   * to the page; or a URL of the demo server that answers a fresh token.
   */
  tokenSource: "exposed" | { url: string };
  /** The admin's navigation (`<ui-nav-menu>`): hidden (tests), or shown as a bar of links (demo). */
  navigation: "hidden" | "bar";
}

export function appBridgeStandIn({ shop, tokenSource, navigation }: AppBridgeStandInOptions): string {
  const token =
    tokenSource === "exposed"
      ? "() => window.__cgIdToken()"
      : `async () => (await originalFetch(${JSON.stringify(tokenSource.url)})).text()`;
  return `(() => {
  const originalFetch = window.fetch.bind(window);
  const token = ${token};
  const reload = new URL(location.href).searchParams.get("shopify-reload");
  if (reload) {
    token().then((idToken) => {
      const target = new URL(reload, location.origin);
      if (target.origin !== location.origin) return;
      target.searchParams.set("id_token", idToken);
      location.replace(target.toString());
    });
    return;
  }
  const style = document.createElement("style");
  style.textContent = ${JSON.stringify(
    navigation === "hidden"
      ? "ui-nav-menu, ui-title-bar, ui-save-bar, ui-modal { display: none !important; }"
      : "ui-title-bar, ui-save-bar, ui-modal { display: none !important; } ui-nav-menu { display: flex; gap: 16px; padding: 10px 20px; background: #1a1a1a; } ui-nav-menu a { color: #fff; font: 600 14px system-ui, sans-serif; text-decoration: none; } .cg-toast { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); background: #1a1a1a; color: #fff; padding: 10px 16px; border-radius: 8px; font: 14px system-ui, sans-serif; z-index: 1000; }",
  )};
  document.head.appendChild(style);
  window.__toasts = [];
  const showToast = (message) => {
    window.__toasts.push(message);
    if (${navigation === "bar"}) {
      const element = document.createElement("div");
      element.className = "cg-toast";
      element.setAttribute("role", "status");
      element.textContent = message;
      document.body.appendChild(element);
      setTimeout(() => element.remove(), 4000);
    }
    return "toast";
  };
  // As the admin does for <ui-nav-menu> links: the app navigates (AppProvider listens for shopify:navigate).
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("ui-nav-menu a") : null;
    if (!link) return;
    event.preventDefault();
    link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
  });
  window.shopify = {
    config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey, shop: ${JSON.stringify(shop)}, locale: "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: token,
    toast: { show: showToast, hide() {} },
    loading() {},
    saveBar: { show: async () => {}, hide: async () => {}, toggle: async () => {}, leaveConfirmation: async () => {} },
    modal: { show: async () => {}, hide: async () => {}, toggle: async () => {} },
    resourcePicker: async () => undefined,
  };
  // As App Bridge: the app's own fetches carry a fresh session token.
  window.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin === location.origin) {
      const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      headers.set("Authorization", "Bearer " + (await token()));
      init = { ...(init || {}), headers };
    }
    return originalFetch(input, init);
  };
})();`;
}
