// Starts a LiftLog service as a child process and waits until it answers, for `npm start` and the
// cross-service tests. Services run from source through tsx, exactly as their Dockerfiles run them.
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface ServiceProcess {
  name: string
  url: string
  /** The operator server (METRICS_PORT): /metrics, detailed /ready, core's /resilience. */
  metricsUrl: string
  child: ChildProcess
  /** SIGTERM, then wait for the process to finish its graceful shutdown. */
  stop(): Promise<void>
}

export interface StartOptions {
  name: 'core-service' | 'stats-service'
  port: number
  /** METRICS_PORT; a free port unless given (two services on one host must not share 9100). */
  metricsPort?: number
  /** Address to listen on; 127.0.0.1 unless given (0.0.0.0 or :: listen on every interface). */
  host?: string
  env: Record<string, string | undefined>
  /** Path that must answer 200 before the service counts as started. */
  waitFor?: '/health' | '/ready'
  timeoutMs?: number
  /** How often to try `waitFor` (default 150 ms; a cold-start benchmark polls finer). */
  pollMs?: number
  /** Where the child's stdout/stderr go: inherit (npm start) or a callback (tests keep it quiet). */
  output?: 'inherit' | ((line: string) => void)
  /**
   * Run something other than the source through tsx, e.g. an image's compiled tree (the benchmarks measure
   * what the image runs): its working directory and command (node's path first is replaced by this node).
   */
  launch?: { cwd: string; command: string[] }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export async function startService(options: StartOptions): Promise<ServiceProcess> {
  const host = options.host ?? '127.0.0.1'
  // A wildcard address is probed (and reported) on loopback; a specific one on itself.
  const probeHost =
    host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host
  const url = `http://${probeHost}:${options.port}`
  const metricsPort = options.metricsPort ?? (await freePort())
  const metricsUrl = `http://127.0.0.1:${metricsPort}`
  const output = options.output ?? 'inherit'
  // CPU_PROF_DIR=<dir> writes a V8 CPU profile of each service on exit (for the benchmarks' "where does the
  // time go"); NODE_OPTIONS may not carry --cpu-prof.
  const profile = process.env.CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF_DIR}`] : []
  const [, ...launchArgs] = options.launch?.command ?? []
  const args = options.launch ? [...profile, ...launchArgs] : [...profile, '--import', 'tsx', 'src/server.ts']
  const child = spawn(process.execPath, args, {
    cwd: options.launch?.cwd ?? path.join(repoRoot, options.name),
    env: {
      ...process.env,
      ...options.env,
      HOST: host,
      PORT: String(options.port),
      // Operator endpoints (/metrics, /resilience, detailed /ready) stay on this machine whatever HOST is.
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
    },
    stdio: output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  })
  if (typeof output === 'function') {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8')
      stream?.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line) output(line)
      })
    }
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} exited with code ${child.exitCode} before answering`)
    try {
      const res = await fetch(`${url}${options.waitFor ?? '/health'}`)
      if (res.ok) return { name: options.name, url, metricsUrl, child, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 150))
  }
  await stop()
  throw new Error(`${options.name} did not answer ${options.waitFor ?? '/health'} on ${url} in time`)
}
