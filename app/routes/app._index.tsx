import type { LoaderFunctionArgs } from "@remix-run/node";
import { Page, Text, Card } from "@shopify/polaris";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function Rules() {
  return (
    <Page title="Checkout rules">
      <Card>
        <Text as="p">No rules yet.</Text>
      </Card>
    </Page>
  );
}
