// `npm run db:migrate | db:seed | db:migration -- <name>`: the database chores, offline. The images run
// the same commands, plus `migrate status` and `migrate resolve` for a migration that failed.
import { ensureDatabase, ensureReadonlyLogin, prepareDatabase, seedDatabase } from './database.ts'
import { applyMigrations, createMigration, migrationStatus, resolveMigration } from './schema-engine.ts'

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

/** stats' read-only login (a member of liftlog_readonly), named and keyed by its connection URL. */
async function statsLogin(statsUrl: string): Promise<string> {
  const stats = new URL(statsUrl)
  const user = decodeURIComponent(stats.username)
  await ensureReadonlyLogin(databaseUrl!, user, decodeURIComponent(stats.password) || undefined)
  return user
}

try {
  switch (command) {
    case 'migrate': {
      if (args[0] === 'status') {
        const records = await migrationStatus(databaseUrl)
        for (const m of records) {
          console.log(`${m.state.padEnd(11)} ${m.name}`)
          if (m.logs) console.log(`            ${m.logs.trim().split('\n').join('\n            ')}`)
        }
        const open = records.filter((m) => m.state === 'failed' || m.state === 'pending')
        console.log(open.length ? `${open.length} migration(s) not applied` : 'up to date')
        // Like `prisma migrate status`: non-zero while the database is not where this image expects it.
        process.exit(open.length ? 1 : 0)
      }
      if (args[0] === 'resolve') {
        const [flag, name] = args.slice(1)
        if ((flag !== '--rolled-back' && flag !== '--applied') || !name)
          fail('usage: cli.ts migrate resolve --rolled-back <name> | --applied <name>')
        const failed = (await migrationStatus(databaseUrl)).find((m) => m.name === name)
        if (failed?.state !== 'failed') fail(`${name} is not a failed migration (see: migrate status)`)
        await resolveMigration(databaseUrl, name, flag === '--applied' ? 'applied' : 'rolled-back')
        console.log(`${name} recorded as ${flag.slice(2)}; now run migrate`)
        break
      }
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
    case 'prepare': {
      // npm start's one database chore, in a process of its own so the launcher never holds the schema
      // engine (~180 MB): migrate, seed, then stats' read-only login; one JSON line for the launcher to print.
      const { applied, seed } = await prepareDatabase(databaseUrl)
      if (process.env.STATS_DATABASE_URL) await statsLogin(process.env.STATS_DATABASE_URL)
      console.log(JSON.stringify({ applied, catalogAdded: seed.created }))
      break
    }
    case 'stats-login': {
      // stats' read-only login (a member of liftlog_readonly), named and keyed by STATS_DATABASE_URL.
      const statsUrl =
        process.env.STATS_DATABASE_URL ?? fail('stats-login reads STATS_DATABASE_URL; it is not set')
      console.log(`read-only login ${await statsLogin(statsUrl)} is ready`)
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
      fail(
        'usage: cli.ts migrate [status | resolve --rolled-back <name> | resolve --applied <name>] | seed | stats-login | prepare | new-migration <name>',
      )
  }
  // The schema engine keeps its connection pool open with no way to close it; don't wait for its idle timeout.
  process.exit(0)
} catch (error) {
  fail(`database command failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
}
