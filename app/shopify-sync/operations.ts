/**
 * The Admin API operations the sync sends (API version in app/shopify.server.ts).
 * Signatures from Shopify's reference: validationCreate(validation:
 * ValidationCreateInput!), validationDelete(id: ID!), metafieldsSet(metafields:
 * [MetafieldsSetInput!]!), validations(first:, after:).
 * tests/support/admin-api.graphql holds the same signatures and the tests
 * validate every request against it.
 *
 * Updates go through metafieldsSet on the Validation rather than
 * validationUpdate: ValidationUpdateInput's `enable` defaults to false, so an
 * update that omits it would switch off a validation the merchant enabled.
 */

/**
 * The shop's Validations, a page at a time, with the function each runs: one
 * read finds each checkout function's Validation (by the stored id, else this
 * app's by function handle, e.g. after a create whose answer was lost) and the
 * single function's Validation from before the split.
 */
export const VALIDATIONS_QUERY = `#graphql
  query CheckoutGuardValidations($after: String) {
    validations(first: 50, after: $after) {
      nodes {
        id
        enabled
        shopifyFunction {
          handle
          appKey
        }
      }
      pageInfo {
        hasNextPage
        endCursor
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

export const VALIDATION_DELETE = `#graphql
  mutation CheckoutGuardValidationDelete($id: ID!) {
    validationDelete(id: $id) {
      deletedId
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
