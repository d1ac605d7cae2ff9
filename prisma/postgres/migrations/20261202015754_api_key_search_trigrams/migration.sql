-- The trigram operator class of the list search's index. pg_trgm ships with PostgreSQL (contrib) and is a
-- trusted extension since PostgreSQL 13: the database's owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "ApiKey_name_keyPrefix_idx" ON "ApiKey" USING GIN ("name" gin_trgm_ops, "keyPrefix" gin_trgm_ops);
