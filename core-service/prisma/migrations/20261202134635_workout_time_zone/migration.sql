-- Each workout remembers the zone it was logged in, so its time reads as it was lived after a move.

-- AlterTable
ALTER TABLE "workouts" ADD COLUMN     "time_zone" VARCHAR(64);

-- Existing workouts: their local date was fixed in the owner's zone at logging time. Where the owner's
-- current zone still gives that date, it is taken as the logging zone; otherwise (they moved since) the
-- zone stays unknown (null) and pages show the time in the current zone, labelled with it.
UPDATE "workouts" w SET time_zone = u.time_zone
FROM "users" u
WHERE u.id = w.user_id AND (w.started_at AT TIME ZONE u.time_zone)::date = w.local_date;
