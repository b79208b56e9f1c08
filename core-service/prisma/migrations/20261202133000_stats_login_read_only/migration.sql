-- The stats login (a member of liftlog_readonly) may read training data and nothing else, by construction:
-- no password or token hashes, no temporary tables (and so no functions in pg_temp), no objects in public,
-- no large objects, and every transaction read-only unless it asks otherwise. See README "Database roles".

-- Secrets: users without password_hash (column privileges; a column added later is not readable until
-- granted here), and no api_tokens at all (stats never needs them).
REVOKE SELECT ON "users" FROM liftlog_readonly;
GRANT SELECT ("id", "username", "display_name", "time_zone", "unit", "data_version", "created_at", "updated_at")
  ON "users" TO liftlog_readonly;
REVOKE ALL ON "api_tokens" FROM liftlog_readonly;

-- Temporary tables are a PUBLIC right on the database; the owner (core, migrations) keeps its own.
-- A database restored or cloned without its ACL gets this again from ensureReadonlyLogin.
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Large objects: anyone may create them by default. Revoking needs the functions' owner (a superuser);
-- without one PostgreSQL only warns, and the read-only default below still refuses lo_create.
REVOKE EXECUTE ON FUNCTION pg_catalog.lo_create(oid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pg_catalog.lo_creat(integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pg_catalog.lo_from_bytea(oid, bytea) FROM PUBLIC;

-- Settings are per login, not inherited from the group role: mark every existing stats login here, new
-- ones get it from ensureReadonlyLogin. Read-only transactions also refuse ALTER ROLE (own password and
-- settings).
DO $$
DECLARE
  login text;
BEGIN
  FOR login IN
    SELECT member.rolname
    FROM pg_auth_members m
    JOIN pg_roles grp ON grp.oid = m.roleid
    JOIN pg_roles member ON member.oid = m.member
    WHERE grp.rolname = 'liftlog_readonly' AND member.rolcanlogin
  LOOP
    EXECUTE format('ALTER ROLE %I SET default_transaction_read_only = on', login);
  END LOOP;
END
$$;
