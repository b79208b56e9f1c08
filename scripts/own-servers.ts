// A Redis and a PostgreSQL of a test's own, on a port of its own, that the test may stop, start again,
// pause (SIGSTOP: the socket stays open and nothing answers, like a hung server) and resume — never the
// machine's shared ones. Both are torn down with the test.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'

const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin'

export interface OwnServer {
  url: string
  port: number
  start(): Promise<void>
  stop(): Promise<void>
  pause(): void
  resume(): void
}

function answers(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

async function listening(port: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await answers(port)) return
    await sleep(50)
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`)
}

/** A signal to a process that may have just exited (a backend ending) — that is fine. */
function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
  }
}

/** pid and its children, from /proc. */
function family(pid: number | undefined): number[] {
  if (!pid) return []
  const children = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)
  return [pid, ...children]
}

function managed(t: Test, port: number, url: string, spawnIt: () => ChildProcess): OwnServer {
  let child: ChildProcess | undefined
  const server: OwnServer = {
    url,
    port,
    async start() {
      // Something else on the port would pass for this server and never stop or pause.
      if (await answers(port)) throw new Error(`port ${port} is already in use`)
      child = spawnIt()
      await listening(port)
    },
    async stop() {
      const c = child
      child = undefined
      if (!c || c.exitCode !== null) return
      for (const pid of family(c.pid)) signal(pid, 'SIGCONT')
      const exited = new Promise((resolve) => c.once('exit', resolve))
      c.kill('SIGTERM')
      await exited
    },
    // The server and every child: PostgreSQL's backends run in sessions of their own (setsid), so a
    // process-group signal would miss them and existing connections would keep answering.
    pause() {
      for (const pid of family(child?.pid)) signal(pid, 'SIGSTOP')
    },
    resume() {
      for (const pid of family(child?.pid)) signal(pid, 'SIGCONT')
    },
  }
  t.teardown(() => server.stop())
  return server
}

/** redis-server without persistence on 127.0.0.1:port. */
export async function ownRedis(t: Test, port: number): Promise<OwnServer> {
  const server = managed(t, port, `redis://127.0.0.1:${port}/0`, () =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    ),
  )
  await server.start()
  return server
}

/**
 * A fresh PostgreSQL 15 cluster (trust auth, user postgres) in a temp folder on 127.0.0.1:port, run in
 * the foreground so SIGSTOP pauses the postmaster. (Paused, new connections hang; existing backends keep
 * answering, so the pause is most useful before a pool connects.)
 */
export async function ownPostgres(t: Test, port: number): Promise<OwnServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liftlog-pg-'))
  // PostgreSQL refuses to run as root: as root, run it as the postgres system user (spawned directly, so
  // signals reach the postmaster itself).
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined
  if (owner) fs.chownSync(dir, owner.uid, owner.gid)
  const run = (cmd: string, args: string[]) => spawn(cmd, args, { stdio: 'ignore', ...owner })
  const init = run(path.join(PG_BIN, 'initdb'), ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync'])
  await new Promise((resolve, reject) =>
    init.once('exit', (code) => (code === 0 ? resolve(code) : reject(new Error(`initdb exited ${code}`)))),
  )
  const server = managed(t, port, `postgres://postgres@127.0.0.1:${port}/postgres`, () =>
    run(path.join(PG_BIN, 'postgres'), [
      '-D',
      dir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'fsync=off',
    ]),
  )
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  await server.start()
  return server
}

function postgresUser() {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  return { uid: id('-u'), gid: id('-g') }
}
