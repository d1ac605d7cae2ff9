#!/bin/sh
# Generates both Prisma clients offline (run by postinstall): SQLite from prisma/schema.prisma and
# PostgreSQL from the schema derived from it. `prisma generate` only checks that a schema-engine
# binary exists; it never runs it, so a stub that refuses to run stands in for it.
set -e
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/scripts/no-schema-engine.sh"
node_modules/.bin/tsx scripts/postgres-schema.ts
node_modules/.bin/prisma generate --schema prisma/schema.prisma
node_modules/.bin/prisma generate --schema prisma/postgres/schema.prisma
