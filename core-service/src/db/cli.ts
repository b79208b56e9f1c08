// `npm run db:migrate | db:seed | db:migration -- <name>`: the database chores, offline.
import { ensureDatabase, seedDatabase } from './database.ts'
import { applyMigrations, createMigration } from './schema-engine.ts'

const [command, ...args] = process.argv.slice(2)
const databaseUrl = process.env.DATABASE_URL

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

if (!databaseUrl) {
  fail(
    'DATABASE_URL is not set. Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/liftlog npm run db:migrate\n' +
      '(npm start migrates and seeds its embedded database by itself.)',
  )
}

try {
  switch (command) {
    case 'migrate': {
      if (await ensureDatabase(databaseUrl)) console.log('created the database')
      const applied = await applyMigrations(databaseUrl)
      console.log(
        applied.length ? `applied: ${applied.join(', ')}` : 'already up to date: no migration to apply',
      )
      break
    }
    case 'seed': {
      const { created, updated, unchanged } = await seedDatabase(databaseUrl)
      console.log(`exercise catalog: ${created} created, ${updated} updated, ${unchanged} unchanged`)
      break
    }
    case 'new-migration': {
      const name = args[0] ?? fail('name the migration: npm run db:migration -- add_body_weight')
      // Diffing replays the migrations into a scratch database on DATABASE_URL's server.
      const folder = await createMigration(databaseUrl, name)
      console.log(
        folder
          ? `wrote ${folder}/migration.sql — review it, then npm run db:migrate`
          : 'schema.prisma and the migrations agree: nothing to write',
      )
      break
    }
    default:
      fail('usage: cli.ts migrate | seed | new-migration <name>')
  }
  // The schema engine keeps its connection pool open with no way to close it; don't wait for its idle timeout.
  process.exit(0)
} catch (error) {
  fail(`database command failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
}
