// Keep-alive connections to stats with a bounded lifetime, so new stats replicas behind a Kubernetes
// Service get traffic soon after they become ready.
import { type Dispatcher, Pool } from 'undici'

export interface PoolSettings {
  /** Max sockets to stats per core process. */
  connections: number
  /** A generation of sockets is retired this long after it was opened. */
  connectionTtlMs: number
  /** Idle sockets close after this long. */
  keepAliveTimeoutMs: number
  /** TCP connect timeout (ms). */
  connectTimeoutMs: number
  /** Backstop for headers/body; the policy's per-attempt timeout normally aborts first. */
  ioTimeoutMs: number
}

/**
 * A Kubernetes Service balances per TCP connection (kube-proxy picks a ready endpoint when a connection
 * opens), so long-lived keep-alive sockets would keep feeding only the replicas that existed when they
 * connected. We bound socket lifetime by generations: the pool in use is replaced by a fresh one once it is
 * older than the TTL (checked on each request, so an idle process keeps no timers), and the old pool is
 * closed gracefully — requests in flight finish, then its sockets close. So no socket serves new requests
 * more than TTL after it opened. The default TTL is 5 s (+ 4 s idle close), so a replica added by a
 * scale-up gets its share of new connections within ~5–9 s at any steady traffic. We chose a short lifetime
 * over per-request balancing because a Kubernetes Service can only balance connections: reconnecting every
 * 5 s costs one TCP handshake per connection per 5 s on a cluster network, far less than the requests each
 * connection carries. (With a single busy connection traffic still moves between replicas per lifetime, but
 * every 5 s rather than every 20 s, so each replica gets its share over any 10 s window.)
 *
 * (undici 7's own `clientTtl` option was tried first: in 7.30 a request arriving while every expired client
 * is still closing stays queued forever, so it is not used.)
 */
export class RotatingPool {
  #pool: Pool
  #openedAt: number
  #retiring = new Set<Promise<void>>()
  #closed = false

  constructor(
    private readonly origin: string,
    private readonly settings: PoolSettings,
  ) {
    this.#pool = this.#create()
    this.#openedAt = Date.now()
  }

  /** Pools opened since start, the first included (so retired = generations − 1); /resilience shows it. */
  generations = 1

  request(options: Dispatcher.RequestOptions) {
    if (Date.now() - this.#openedAt > this.settings.connectionTtlMs && !this.#closed) this.#rotate()
    return this.#pool.request(options)
  }

  async close() {
    this.#closed = true
    await Promise.all([this.#pool.close(), ...this.#retiring])
  }

  #rotate() {
    const old = this.#pool
    this.#pool = this.#create()
    this.#openedAt = Date.now()
    this.generations++
    const retiring: Promise<void> = old
      .close()
      .catch(() => undefined)
      .finally(() => this.#retiring.delete(retiring))
    this.#retiring.add(retiring)
  }

  #create() {
    const s = this.settings
    return new Pool(this.origin, {
      connections: s.connections,
      keepAliveTimeout: s.keepAliveTimeoutMs,
      // stats may advertise a longer keep-alive; never keep an idle socket beyond our own bound.
      keepAliveMaxTimeout: s.keepAliveTimeoutMs,
      pipelining: 1,
      connect: { timeout: s.connectTimeoutMs },
      headersTimeout: s.ioTimeoutMs,
      bodyTimeout: s.ioTimeoutMs,
    })
  }
}
