#!/bin/sh
# Stand-in for Prisma's native schema-engine binary, which cannot be downloaded offline.
# `prisma generate` only checks that the file exists; migrations run through the Wasm engine
# (scripts/db-migrate.ts). Anything that really tries to run this gets a clear refusal.
echo "keyward: the native Prisma schema engine is not installed; use npm run db:migrate" >&2
exit 1
