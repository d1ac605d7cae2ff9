-- DropIndex
DROP INDEX "ApiKey_workspaceId_owner_idx";

-- DropIndex
DROP INDEX "ApiKey_workspaceId_createdById_idx";

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "replacedAt" DATETIME;

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_createdAt_id_idx" ON "ApiKey"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_lastUsedAt_id_idx" ON "ApiKey"("workspaceId", "lastUsedAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_expiresAt_id_idx" ON "ApiKey"("workspaceId", "expiresAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_createdById_createdAt_id_idx" ON "ApiKey"("workspaceId", "createdById", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_owner_createdAt_id_idx" ON "ApiKey"("workspaceId", "owner", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_revokedAt_isActive_expiresAt_idx" ON "ApiKey"("workspaceId", "revokedAt", "isActive", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_createdById_owner_revokedAt_replacedAt_expiresAt_idx" ON "ApiKey"("workspaceId", "createdById", "owner", "revokedAt", "replacedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_leakedAt_idx" ON "ApiKey"("workspaceId", "leakedAt");

-- CreateIndex
CREATE INDEX "Membership_workspaceId_createdAt_id_idx" ON "Membership"("workspaceId", "createdAt", "id");

-- Backfill: keys already replaced by a rotation, marked when their successor was made.
UPDATE "ApiKey" SET "replacedAt" = (SELECT n."createdAt" FROM "ApiKey" n WHERE n."rotatedFromId" = "ApiKey"."id")
WHERE EXISTS (SELECT 1 FROM "ApiKey" n WHERE n."rotatedFromId" = "ApiKey"."id");
