-- The pages' language a lifter chose ("en", "sl"); NULL follows the browser's Accept-Language.
-- AlterTable
ALTER TABLE "users" ADD COLUMN "language" VARCHAR(8);
