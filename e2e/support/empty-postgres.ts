// A brand-new PostgreSQL server for the recovery tests: initdb into a scratch folder and start it on a
// given port, with one superuser and one empty database, as the postgres image's first start leaves it.
// Uses the machine's PostgreSQL binaries (PG_BIN, else Debian's newest under /usr/lib/postgresql).
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface EmptyServer {
  /** postgres://<superuser>@127.0.0.1:<port>/<database> */
  url: string
  port: number
  stop(): void
}

function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  const newest = fs
    .readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .find((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
  if (!newest) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql (set PG_BIN)')
  return path.join(root, newest, 'bin')
}

export function startEmptyServer(port: number, superuser = 'liftlog', database = 'liftlog'): EmptyServer {
  const bin = pgBin()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liftlog-pg-'))
  const data = path.join(dir, 'data')
  // PostgreSQL refuses to run as root: run it as the postgres system user, who must own the folder.
  const asRoot = process.getuid?.() === 0
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir])
  const run = (file: string, args: string[]) => {
    const argv = asRoot ? ['runuser', '-u', 'postgres', '--', file, ...args] : [file, ...args]
    const result = spawnSync(argv[0] as string, argv.slice(1), { encoding: 'utf8', cwd: dir })
    if (result.status !== 0)
      throw new Error(`${path.basename(file)} failed: ${result.stderr || result.stdout}`)
  }
  run(path.join(bin, 'initdb'), ['-D', data, '-U', superuser, '--auth=trust', '-E', 'UTF8', '--no-sync'])
  run(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-w',
    '-l',
    path.join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ])
  run(path.join(bin, 'psql'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    superuser,
    '-d',
    'postgres',
    '-qc',
    `CREATE DATABASE ${database}`,
  ])
  return {
    url: `postgres://${superuser}@127.0.0.1:${port}/${database}`,
    port,
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'])
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
