-- CreateIndex
CREATE INDEX "Destination_workspaceId_createdAt_id_idx" ON "Destination"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Pipeline_workspaceId_createdAt_id_idx" ON "Pipeline"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Source_workspaceId_createdAt_id_idx" ON "Source"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "TrackingPlan_workspaceId_createdAt_id_idx" ON "TrackingPlan"("workspaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "TrackingPlanEvent_trackingPlanId_createdAt_id_idx" ON "TrackingPlanEvent"("trackingPlanId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "TrackingPlanProperty_trackingPlanId_createdAt_id_idx" ON "TrackingPlanProperty"("trackingPlanId", "createdAt", "id");
