-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_owner_revokedAt_replacedAt_expiresAt_idx" ON "ApiKey"("workspaceId", "owner", "revokedAt", "replacedAt", "expiresAt");
