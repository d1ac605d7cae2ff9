-- DropIndex
DROP INDEX "ApiKey_workspaceId_revokedAt_isActive_expiresAt_idx";

-- DropIndex
DROP INDEX "ApiKey_workspaceId_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_createdAt_id_revokedAt_name_keyPrefix_idx" ON "ApiKey"("workspaceId", "createdAt", "id", "revokedAt", "name", "keyPrefix");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_revokedAt_isActive_expiresAt_name_keyPrefix_idx" ON "ApiKey"("workspaceId", "revokedAt", "isActive", "expiresAt", "name", "keyPrefix");
