#!/bin/sh
# Generates both Prisma clients and applies the migrations to DATABASE_URL
# (SQLite by default, PostgreSQL when DATABASE_URL says so). Offline: the JS
# schema engine and driver adapters need no downloaded binaries.
set -e
: "${DATABASE_URL:=file:./prisma/dev.sqlite}"
export DATABASE_URL
# `generate` reads only the models; each provider gets a placeholder URL of its own kind.
DATABASE_URL=file:./prisma/dev.sqlite prisma generate --schema prisma/schema.prisma >/dev/null
DATABASE_URL=postgresql://localhost/placeholder prisma generate --schema prisma/postgresql/schema.prisma >/dev/null
prisma migrate deploy
