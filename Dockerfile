# The production image, as Shopify's app template builds it: install, build,
# then `npm run docker-start` (migrations, then the production server).
# Configure it with the environment only (never baked in): SHOPIFY_API_KEY,
# SHOPIFY_API_SECRET, SHOPIFY_APP_URL, DATABASE_URL (PostgreSQL in production;
# see README.md, "Deploying with Docker and PostgreSQL").
FROM node:24-bookworm-slim

EXPOSE 3000
WORKDIR /app

COPY package.json package-lock.json ./
COPY extensions/checkout-guard/package.json extensions/checkout-guard/
COPY extensions/checkout-guard-address/package.json extensions/checkout-guard-address/
COPY extensions/checkout-guard-cart/package.json extensions/checkout-guard-cart/
COPY extensions/checkout-guard-weight/package.json extensions/checkout-guard-weight/
COPY extensions/checkout-guard-products/package.json extensions/checkout-guard-products/
COPY extensions/checkout-guard-products-lean/package.json extensions/checkout-guard-products-lean/
RUN npm ci --no-audit --no-fund

COPY . .
# The Prisma clients, the function bundles the simulator runs and the admin's
# build; then only what runs.
RUN npm run setup && npm run function:build && npm run build && npm prune --omit=dev && npm cache clean --force && rm -f prisma/dev.sqlite

ENV NODE_ENV=production
CMD ["npm", "run", "docker-start"]
