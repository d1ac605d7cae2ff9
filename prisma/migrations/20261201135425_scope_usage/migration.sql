-- CreateTable
CREATE TABLE "ApiKeyScopeDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiKeyId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "permission" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" DATETIME NOT NULL,
    CONSTRAINT "ApiKeyScopeDay_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKeyScopeDay_apiKeyId_permission_day_key" ON "ApiKeyScopeDay"("apiKeyId", "permission", "day");
