import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { LoginErrorType, type LoginError } from "@shopify/shopify-app-remix/server";
import { login } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

const ERROR_MESSAGES: Record<LoginErrorType, string> = {
  [LoginErrorType.MissingShop]: "Enter your shop domain to log in.",
  [LoginErrorType.InvalidShop]: "Enter a valid shop domain, such as my-shop.myshopify.com.",
};

const shopError = (errors: LoginError) => (errors.shop ? ERROR_MESSAGES[errors.shop] : undefined);

// Installing from outside the Shopify admin: `login` validates the shop domain
// and redirects to Shopify's install page, or returns what was wrong with it.
export const loader = async ({ request }: LoaderFunctionArgs) => ({ error: shopError(await login(request)) });

export const action = async ({ request }: ActionFunctionArgs) => ({ error: shopError(await login(request)) });

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const error = actionData?.error ?? loaderData.error;
  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h1">Log in to Checkout Guard</Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error}
              />
              <Button submit>Log in</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </PolarisAppProvider>
  );
}
