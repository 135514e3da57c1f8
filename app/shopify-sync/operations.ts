/**
 * The Admin API operations the sync sends (API version in app/shopify.server.ts).
 * Signatures from Shopify's reference: validationCreate(validation:
 * ValidationCreateInput!), metafieldsSet(metafields: [MetafieldsSetInput!]!),
 * validation(id: ID!), validations(first:). tests/support/admin-api.graphql
 * holds the same signatures and the tests validate every request against it.
 *
 * Updates go through metafieldsSet on the Validation rather than
 * validationUpdate: ValidationUpdateInput's `enable` defaults to false, so an
 * update that omits it would switch off a validation the merchant enabled.
 */

export const VALIDATION_QUERY = `#graphql
  query CheckoutGuardValidation($id: ID!) {
    validation(id: $id) {
      id
      enabled
    }
  }
`;

/** To find a Validation this app created but whose id was not stored (e.g. a lost response). */
export const VALIDATIONS_QUERY = `#graphql
  query CheckoutGuardValidations {
    validations(first: 50) {
      nodes {
        id
        enabled
        shopifyFunction {
          handle
          appKey
        }
      }
    }
  }
`;

export const VALIDATION_CREATE = `#graphql
  mutation CheckoutGuardValidationCreate($validation: ValidationCreateInput!) {
    validationCreate(validation: $validation) {
      validation {
        id
        enabled
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const METAFIELDS_SET = `#graphql
  mutation CheckoutGuardMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        key
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
