// Entry re-exported as Shopify's function template does.
export * from "./cart_validations_generate_run";
