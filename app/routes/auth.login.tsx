import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { LoginErrorType, type LoginError } from "@shopify/shopify-app-remix/server";
import { login } from "../shopify.server";
import { POLARIS_TRANSLATIONS, translator } from "../i18n";
import { localeOf } from "../i18n.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

const ERROR_MESSAGES: Record<LoginErrorType, string> = {
  [LoginErrorType.MissingShop]: "login.missingShop",
  [LoginErrorType.InvalidShop]: "login.invalidShop",
};

const shopError = (errors: LoginError) => (errors.shop ? ERROR_MESSAGES[errors.shop] : undefined);

// Installing from outside the Shopify admin: `login` validates the shop domain
// and redirects to Shopify's install page, or returns what was wrong with it.
// Outside the admin there is no `locale` parameter: the browser's languages say which.
export const loader = async ({ request }: LoaderFunctionArgs) => ({ error: shopError(await login(request)), locale: localeOf(request) });

export const action = async ({ request }: ActionFunctionArgs) => ({ error: shopError(await login(request)), locale: localeOf(request) });

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const locale = actionData?.locale ?? loaderData.locale;
  const t = translator(locale);
  const errorKey = actionData?.error ?? loaderData.error;
  const error = errorKey ? t(errorKey) : undefined;
  return (
    <PolarisAppProvider i18n={POLARIS_TRANSLATIONS[locale]}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h1">{t("login.title")}</Text>
              <TextField
                type="text"
                name="shop"
                label={t("login.shopLabel")}
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error}
              />
              <Button submit>{t("login.submit")}</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </PolarisAppProvider>
  );
}
