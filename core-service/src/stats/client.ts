// The one owner of every call core makes to stats-service: a keep-alive undici Pool with bounded connection
// lifetime, the resilience policies, response validation, the last-good fallback, and one shared upstream
// request for identical concurrent calls.

import { withTimeout } from '@liftlog/service-kit'
import type { Answer, EndpointName } from '@liftlog/stats-contract'
import { routeOf, shapeProblem } from './contract-check.ts'
import { StatsRequestError, StatsUnavailableError } from './errors.ts'
import type { FallbackStore } from './fallback-store.ts'
import type { StatsMetrics } from './metrics.ts'
import { type BreakerSnapshot, type PolicySettings, UpstreamPolicy } from './policy.ts'
import { RotatingPool } from './pool.ts'
import { Slots } from './slots.ts'

export interface StatsClientOptions {
  baseUrl: string
  token: string
  policy: PolicySettings
  pool: { connections: number; connectionTtlMs: number; keepAliveTimeoutMs: number }
  /** How long a page waits for stats (CallContext.budgetMs for pages). */
  pageBudgetMs?: number
  fallback: FallbackStore
  metrics?: StatsMetrics
  logger?: LoggerLike
}

export interface LoggerLike {
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface CallContext {
  /** Forwarded as x-request-id so one id follows a page across both services' logs. */
  requestId?: string
  log?: LoggerLike
  /**
   * How long this caller waits for stats (ms, default the policy deadline) before it takes the fallback.
   * A page passes less than an API call; the upstream call itself goes on, bounded by the policy, and its
   * answer is kept for the next view.
   */
  budgetMs?: number
}

export type Query = Record<string, string | number | undefined>

export type StatsResult<T> =
  | { state: 'fresh'; data: T; json: string; asOf: Date }
  | { state: 'stale'; data: T; json: string; asOf: Date; ageSeconds: number; reason: string }
  | { state: 'unavailable'; reason: string; retryAfterSeconds: number }

/** One breaker for every per-lifter query; no one lifter can fill it alone (see Slots). */
export type BreakerName = 'analytics'

/**
 * What the fallback lookup may add to a caller's budget: the caller stops waiting for stats this much
 * before its budget ends, and a lookup slower than this (Redis hung or away) counts as a miss.
 */
export const FALLBACK_LOOKUP_MS = 50

/** Retry-After when stats fails but no breaker is open yet. */
const DEFAULT_RETRY_AFTER_SECONDS = 5

export class StatsClient {
  readonly pool: RotatingPool
  readonly breakers: Record<BreakerName, UpstreamPolicy>
  readonly #basePath: string
  readonly #token: string
  readonly #fallback: FallbackStore
  readonly #metrics?: StatsMetrics
  readonly #logger?: LoggerLike
  readonly slots: Slots
  /** Identical calls in flight (same lifter, same query): later callers join the first one's request. */
  readonly #inFlight = new Map<string, Promise<Fresh>>()

  constructor(readonly options: StatsClientOptions) {
    const url = new URL(options.baseUrl)
    this.#basePath = url.pathname.replace(/\/+$/, '')
    this.#token = options.token
    this.#fallback = options.fallback
    this.#metrics = options.metrics
    this.#logger = options.logger
    this.pool = new RotatingPool(url.origin, {
      ...options.pool,
      connectTimeoutMs: Math.min(options.policy.attemptTimeoutMs, 2000),
      ioTimeoutMs: options.policy.attemptTimeoutMs + 1000,
    })
    const hooks = {
      onStateChange: (name: string, to: Parameters<StatsMetrics['breaker']>[1]) => {
        this.#metrics?.breaker(name, to, true)
        this.#logger?.warn({ breaker: name, state: to }, `stats circuit breaker "${name}" is now ${to}`)
      },
    }
    // One slot per pooled connection: a request never waits inside undici's queue, where the wait would
    // count against its attempt timeout and look like stats being slow.
    this.slots = new Slots(options.pool.connections)
    this.breakers = {
      analytics: new UpstreamPolicy('analytics', options.policy, this.slots, hooks),
    }
    for (const name of Object.keys(this.breakers)) this.#metrics?.breaker(name, 'closed', false)
  }

  /** The budget a page's calls pass as CallContext.budgetMs. */
  get pageBudgetMs() {
    return this.options.pageBudgetMs ?? Math.min(800, this.options.policy.deadlineMs)
  }

  get fallbackKind() {
    return this.#fallback.kind
  }

  snapshot(): BreakerSnapshot[] {
    return Object.values(this.breakers).map((b) => b.snapshot())
  }

  async close() {
    await this.pool.close()
  }

  summary(userId: string, ctx?: CallContext) {
    return this.get('summary', { userId }, {}, ctx)
  }
  volume(userId: string, query: Query, ctx?: CallContext) {
    return this.get('volume', { userId }, query, ctx)
  }
  progression(userId: string, exerciseId: string, query: Query, ctx?: CallContext) {
    return this.get('progression', { userId, exerciseId }, query, ctx)
  }
  records(userId: string, query: Query, ctx?: CallContext) {
    return this.get('records', { userId }, query, ctx)
  }
  recentRecords(userId: string, query: Query, ctx?: CallContext) {
    return this.get('recentRecords', { userId }, query, ctx)
  }
  breakdown(userId: string, query: Query, ctx?: CallContext) {
    return this.get('breakdown', { userId }, query, ctx)
  }
  calendar(userId: string, month: string | undefined, ctx?: CallContext) {
    return this.get('calendar', { userId }, { month }, ctx)
  }

  /**
   * A GET with fallback: fresh data; else the last good answer to the same query (stale, with its age); else
   * `unavailable`. Throws StatsRequestError only when stats refused the request itself (4xx). Settles within
   * the caller's budget (ctx.budgetMs, default the policy deadline).
   */
  async get<E extends EndpointName>(
    endpoint: E,
    params: Record<string, string>,
    query: Query,
    ctx: CallContext = {},
  ): Promise<StatsResult<Answer<E>>> {
    const path = this.#path(endpoint, params, query)
    const key = `analytics:${path}`
    const pattern = routeOf(endpoint)
    const budgetMs = ctx.budgetMs ?? this.options.policy.deadlineMs
    try {
      const fresh = await withinBudget(this.#fetch(key, endpoint, path, ctx), budgetMs - FALLBACK_LOOKUP_MS)
      this.#metrics?.calls.inc({ endpoint: pattern, outcome: 'fresh' })
      const { data, json, fetchedAt } = fresh
      return { state: 'fresh', data: data as Answer<E>, json, asOf: new Date(fetchedAt) }
    } catch (err) {
      if (err instanceof StatsRequestError) {
        this.#metrics?.calls.inc({ endpoint: pattern, outcome: 'client_error' })
        throw err
      }
      const reason = err instanceof StatsUnavailableError ? err.message : 'unexpected error calling stats'
      if (!(err instanceof StatsUnavailableError))
        this.#log(ctx).error({ err }, 'unexpected error calling stats')
      const kind = err instanceof StatsUnavailableError ? err.kind : 'unexpected'
      const kept = await withinBudget(this.#fallback.get(key), FALLBACK_LOOKUP_MS).catch((lookupErr) => {
        this.#log(ctx).warn({ err: lookupErr }, 'could not read last good stats result')
        return null
      })
      this.#metrics?.cacheLookups.inc({ endpoint: pattern, result: kept ? 'hit' : 'miss' })
      if (kept) {
        this.#metrics?.calls.inc({ endpoint: pattern, outcome: 'stale' })
        this.#metrics?.fallbacks.inc({ endpoint: pattern, kind: 'stale', reason: kind })
        return {
          state: 'stale',
          data: JSON.parse(kept.json) as Answer<E>,
          json: kept.json,
          asOf: new Date(kept.fetchedAt),
          ageSeconds: Math.max(0, Math.round((Date.now() - kept.fetchedAt) / 1000)),
          reason,
        }
      }
      this.#metrics?.calls.inc({ endpoint: pattern, outcome: 'degraded' })
      this.#metrics?.fallbacks.inc({ endpoint: pattern, kind: 'degraded', reason: kind })
      const retryAfterSeconds = this.breakers.analytics.retryAfterSeconds() ?? DEFAULT_RETRY_AFTER_SECONDS
      return { state: 'unavailable', reason, retryAfterSeconds }
    }
  }

  /**
   * The upstream GET for one key, shared by identical concurrent calls (the path carries the lifter and the
   * sorted query). Its answer is kept as the last good one whenever it is fresh, even if every caller has
   * stopped waiting, so the next view's fallback is never older than what a lifter last saw.
   */
  #fetch(key: string, endpoint: EndpointName, path: string, ctx: CallContext): Promise<Fresh> {
    const running = this.#inFlight.get(key)
    if (running) return running
    const started = this.call('GET', endpoint, path, ctx).then(({ data, json }) => {
      const fetchedAt = Date.now()
      this.#fallback.set(key, { json, fetchedAt }).catch((err) => {
        this.#log(ctx).warn({ err }, 'could not keep last good stats result')
      })
      return { data, json, fetchedAt }
    })
    this.#inFlight.set(key, started)
    // Whoever stopped waiting, the call's end is observed here: no unhandled rejection.
    started.then(
      () => this.#inFlight.delete(key),
      () => this.#inFlight.delete(key),
    )
    return started
  }

  /**
   * One call under its breaker's policy, without fallback. Only GET is retried (the others are not known
   * to be idempotent). Resolves with validated data; throws StatsUnavailableError or StatsRequestError.
   */
  async call(method: string, endpoint: EndpointName, path: string, ctx: CallContext = {}) {
    const pattern = routeOf(endpoint)
    const headers: Record<string, string> = { 'x-internal-token': this.#token, accept: 'application/json' }
    if (ctx.requestId) headers['x-request-id'] = ctx.requestId
    return this.breakers.analytics.execute(
      async ({ signal, attempt }) => {
        if (attempt > 0) this.#metrics?.retries.inc({ endpoint: pattern })
        const stop = this.#metrics?.attemptDuration.startTimer({ endpoint: pattern })
        try {
          const result = await this.#attempt(method, endpoint, path, headers, signal, ctx)
          this.#metrics?.attempts.inc({ endpoint: pattern, result: 'ok' })
          return result
        } catch (err) {
          // An attempt cut off by its timeout ends with undici's abort error: it is a timeout.
          const result = signal.aborted
            ? 'timeout'
            : err instanceof StatsUnavailableError
              ? err.kind
              : err instanceof StatsRequestError
                ? `status_${err.status}`
                : 'error'
          this.#metrics?.attempts.inc({ endpoint: pattern, result })
          throw err
        } finally {
          stop?.()
        }
      },
      { idempotent: method === 'GET' },
    )
  }

  async #attempt(
    method: string,
    endpoint: EndpointName,
    path: string,
    headers: Record<string, string>,
    signal: AbortSignal,
    ctx: CallContext,
  ) {
    let response: Awaited<ReturnType<RotatingPool['request']>>
    try {
      response = await this.pool.request({ method: method as 'GET', path, headers, signal })
    } catch (err) {
      if (signal.aborted) throw err // the timeout policy already decided what this is
      const code = (err as { code?: string }).code ?? (err as Error).name
      throw new StatsUnavailableError('connection', `cannot reach stats (${code})`, true)
    }
    const { statusCode } = response
    // Always read the body: an unread body keeps the socket busy (undici does not throw on 5xx).
    let text: string
    try {
      text = await response.body.text()
    } catch (err) {
      if (signal.aborted) throw err
      throw new StatsUnavailableError('connection', 'stats connection dropped mid-answer', true)
    }
    if (statusCode >= 500 || statusCode === 401 || statusCode === 403) {
      // 401/403 mean core and stats disagree on the shared token: stats is unusable, and someone must know.
      if (statusCode < 500)
        this.#log(ctx).error({ statusCode, endpoint }, 'stats refused core’s token (check STATS_TOKEN)')
      const retryable = statusCode === 502 || statusCode === 503 || statusCode === 504
      throw new StatsUnavailableError('status', `stats answered HTTP ${statusCode}`, retryable, statusCode)
    }
    if (statusCode >= 400) {
      const body = safeParse(text) as { code?: unknown; message?: unknown } | undefined
      throw new StatsRequestError(
        statusCode,
        typeof body?.code === 'string' ? body.code : 'STATS_REJECTED',
        typeof body?.message === 'string' ? body.message : `stats answered HTTP ${statusCode}`,
      )
    }
    const data = safeParse(text)
    const problem =
      data === undefined
        ? 'not JSON'
        : statusCode !== 200
          ? `HTTP ${statusCode}`
          : shapeProblem(endpoint, data)
    if (problem) {
      this.#log(ctx).warn(
        { endpoint: routeOf(endpoint), statusCode, problem, sample: text.slice(0, 200) },
        'stats answered something outside the contract',
      )
      throw new StatsUnavailableError('bad-response', `stats answered garbage (${problem})`)
    }
    return { data, json: text }
  }

  #path(endpoint: EndpointName, params: Record<string, string>, query: Query) {
    const pattern = routeOf(endpoint)
    const filled = pattern.replace(/:(\w+)/g, (_, name: string) => {
      const value = params[name]
      if (value === undefined) throw new Error(`stats path parameter ${name} missing`)
      return encodeURIComponent(value)
    })
    // Only a healthy request shape goes out: what stats would refuse is refused here, before it could
    // count against anyone's breaker (schemas coerce "1e309" to an integer Infinity).
    for (const [name, value] of Object.entries(query)) {
      if (typeof value === 'number' && !Number.isFinite(value))
        throw new StatsRequestError(400, 'VALIDATION', `querystring/${name} must be a finite number`)
    }
    // Sorted so that the same query always maps to the same last-good key.
    const search = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== '')
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&')
    return `${this.#basePath}${filled}${search ? `?${search}` : ''}`
  }

  #log(ctx: CallContext): LoggerLike {
    return ctx.log ?? this.#logger ?? silentLogger
  }
}

const silentLogger: LoggerLike = { warn() {}, error() {} }

interface Fresh {
  data: unknown
  json: string
  fetchedAt: number
}

/**
 * The promise's outcome, or a 'deadline' failure if it has none within ms. The promise itself goes on (a
 * shared in-flight fetch whose answer is kept for the next view), so nothing is aborted.
 */
function withinBudget<T>(promise: Promise<T>, ms: number): Promise<T> {
  return withTimeout(
    ms,
    () => promise,
    () => {
      throw new StatsUnavailableError('deadline', `no answer within ${ms} ms`)
    },
  )
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
