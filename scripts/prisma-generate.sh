#!/bin/sh
# Generates the Prisma client offline (run by postinstall). `prisma generate` only checks that a
# schema-engine binary exists; it never runs it, so a stub that refuses to run stands in for it.
set -e
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/scripts/no-schema-engine.sh"
node_modules/.bin/prisma generate --schema prisma/schema.prisma
