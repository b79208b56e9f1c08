// Restarts skip Prisma's schema engine only when every migration folder is recorded as applied, with
// its checksum; a missing, failed or edited migration still goes to the engine.
import t from 'tap'
import { migrationsApplied } from '../../src/db/schema-engine.ts'
import { createTestDatabase, queryDatabase } from '../support/database.ts'

t.test('a migrated database is recognised without the engine; any gap is not', async (t) => {
  const db = await createTestDatabase()
  t.teardown(db.drop)
  t.equal(await migrationsApplied(db.url), true, 'fully migrated')
  const [newest] = await queryDatabase<{ id: string; checksum: string }>(
    db.url,
    'SELECT id, checksum FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1',
  )
  await queryDatabase(db.url, "UPDATE _prisma_migrations SET checksum = 'edited' WHERE id = $1", [newest!.id])
  t.equal(await migrationsApplied(db.url), false, 'an edited migration goes to the engine')
  await queryDatabase(
    db.url,
    'UPDATE _prisma_migrations SET checksum = $2, finished_at = NULL WHERE id = $1',
    [newest!.id, newest!.checksum],
  )
  t.equal(await migrationsApplied(db.url), false, 'an unfinished migration goes to the engine')
  await queryDatabase(db.url, 'DELETE FROM _prisma_migrations WHERE id = $1', [newest!.id])
  t.equal(await migrationsApplied(db.url), false, 'a pending folder goes to the engine')
  await queryDatabase(db.url, 'DROP TABLE _prisma_migrations')
  t.equal(await migrationsApplied(db.url), false, 'a database never migrated goes to the engine')
})
