-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "lastUsedIp" TEXT;
ALTER TABLE "ApiKey" ADD COLUMN "lastUsedUa" TEXT;

-- CreateTable
CREATE TABLE "ApiRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "code" TEXT,
    "latencyMs" INTEGER NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "ApiRequest_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiRequest_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiRequestOverflow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiKeyId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "minute" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ApiRequestOverflow_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ApiRequest_apiKeyId_createdAt_id_idx" ON "ApiRequest"("apiKeyId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiRequest_workspaceId_createdAt_id_idx" ON "ApiRequest"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiRequestOverflow_workspaceId_minute_idx" ON "ApiRequestOverflow"("workspaceId", "minute");

-- CreateIndex
CREATE UNIQUE INDEX "ApiRequestOverflow_apiKeyId_minute_key" ON "ApiRequestOverflow"("apiKeyId", "minute");
