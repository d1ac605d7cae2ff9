-- DropIndex
DROP INDEX "ApiKey_workspaceId_owner_idx";

-- DropIndex
DROP INDEX "ApiKey_workspaceId_createdById_idx";

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
CREATE INDEX "Membership_workspaceId_createdAt_id_idx" ON "Membership"("workspaceId", "createdAt", "id");
