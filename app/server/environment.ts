/**
 * What the production server needs from its environment, checked before it
 * listens. It never falls back to a default: with a secret anyone can read
 * (the local demo's, or an example's), anyone could sign a session token for
 * any shop. Only the local demo (demo.ts) runs on local defaults.
 */
import { DEMO_ENVIRONMENT } from "./demo-environment";

/** Shopify's client secrets are 32 hexadecimal characters or longer (newer ones start "shpss_"). */
const MIN_SECRET_LENGTH = 32;

export function productionEnvironmentProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const name of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"] as const) {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set.`);
    else if (value === DEMO_ENVIRONMENT[name]) problems.push(`${name} is the local demo's public default; set the value from your app in the Shopify Partner Dashboard.`);
  }
  const secret = env.SHOPIFY_API_SECRET?.trim();
  if (secret && secret !== DEMO_ENVIRONMENT.SHOPIFY_API_SECRET && secret.length < MIN_SECRET_LENGTH) {
    problems.push(`SHOPIFY_API_SECRET does not look like a Shopify client secret (${MIN_SECRET_LENGTH} characters or more).`);
  }
  const appUrl = env.SHOPIFY_APP_URL?.trim();
  if (appUrl && !URL.canParse(appUrl)) problems.push("SHOPIFY_APP_URL is not a URL.");
  if (env.CHECKOUT_GUARD_DEMO) problems.push("CHECKOUT_GUARD_DEMO is set: the local demo cannot run as the production server.");
  return problems;
}
