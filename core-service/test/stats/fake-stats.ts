// A real HTTP server standing in for stats-service in fault tests: answers per the contract, or fails on
// demand (HTTP errors, slowness, garbage, wrong shape, stopped), and counts every request it receives.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { fixtureFor } from './fixtures.ts'

export type Behaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'garbage' }
  | { kind: 'wrong-shape' }
  | { kind: 'json'; body: unknown }

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  remotePort: number
}

export class FakeStats {
  behaviour: Behaviour = { kind: 'ok' }
  /** Optional per-request override, e.g. to flap: return a behaviour for the n-th request. */
  script: ((n: number, req: IncomingMessage) => Behaviour | undefined) | undefined
  readonly requests: SeenRequest[] = []
  readonly connections = new Set<number>()
  #server: Server | undefined
  #sockets = new Set<Socket>()
  port = 0

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  async start() {
    const server = createServer((req, res) => {
      const n = this.requests.length
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        remotePort: req.socket.remotePort ?? 0,
      })
      const behaviour = this.script?.(n, req) ?? this.behaviour
      const send = (status: number, body: string, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
        res.end(body)
      }
      switch (behaviour.kind) {
        case 'ok':
          return send(200, JSON.stringify(fixtureFor(req.url ?? '')))
        case 'status':
          return send(
            behaviour.status,
            behaviour.body ??
              JSON.stringify({ statusCode: behaviour.status, code: 'X', message: 'failing on purpose' }),
          )
        case 'slow': {
          const timer = setTimeout(
            () => send(200, JSON.stringify(fixtureFor(req.url ?? ''))),
            behaviour.delayMs,
          )
          res.on('close', () => clearTimeout(timer))
          return
        }
        case 'garbage':
          return send(200, '<html>502 Bad Gateway from some proxy</html>', 'text/html')
        case 'json':
          return send(200, JSON.stringify(behaviour.body))
        case 'wrong-shape':
          return send(200, JSON.stringify({ totals: 'lots', hello: 'world' }))
      }
    })
    server.keepAliveTimeout = 30_000
    server.on('connection', (socket) => {
      this.connections.add(socket.remotePort ?? 0)
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    this.port = (server.address() as AddressInfo).port
    this.#server = server
    return this
  }

  /** Stops listening and drops every open connection, like a killed pod. */
  async stop() {
    const server = this.#server
    this.#server = undefined
    if (!server) return
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Requests received for one path prefix (e.g. '/v1/users'). */
  count(prefix = '/') {
    return this.requests.filter((r) => r.url.startsWith(prefix)).length
  }
}

export async function startFakeStats() {
  return new FakeStats().start()
}
