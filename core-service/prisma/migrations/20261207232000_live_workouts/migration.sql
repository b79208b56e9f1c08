-- Live workouts (issue 16): a workout in progress keeps its plan on the server and is finished later.
-- Workouts logged before this are finished ones with no recorded end (ended_at null, live_owner_id null).

-- AlterTable
ALTER TABLE "workouts" ADD COLUMN     "ended_at" TIMESTAMPTZ(3),
ADD COLUMN     "live_owner_id" UUID,
ADD COLUMN     "plan" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "workouts_live_owner_id_key" ON "workouts"("live_owner_id");

-- live_owner_id is the owner's own id or nothing (it only marks the one live workout per lifter); a live
-- workout has a plan and no end, a finished one has no plan.
ALTER TABLE "workouts" ADD CONSTRAINT "workouts_live_owner_is_owner" CHECK (live_owner_id IS NULL OR live_owner_id = user_id);
ALTER TABLE "workouts" ADD CONSTRAINT "workouts_live_shape" CHECK (
    CASE WHEN live_owner_id IS NULL THEN plan IS NULL ELSE plan IS NOT NULL AND ended_at IS NULL END
);
ALTER TABLE "workouts" ADD CONSTRAINT "workouts_ended_after_start" CHECK (ended_at IS NULL OR ended_at >= started_at);
