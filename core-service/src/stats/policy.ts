// The resilience policy around one group of stats calls (one circuit breaker): breaker → deadline-aware
// retry (idempotent GETs only) → a bounded wait for a connection slot → per-attempt timeout. Built once per
// process; a breaker made per request would never see five failures in a row.
import { withTimeout } from '@liftlog/service-kit'
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel'
import { StatsUnavailableError } from './errors.ts'
import type { Slots } from './slots.ts'

export interface PolicySettings {
  /** Per-attempt timeout (ms). */
  attemptTimeoutMs: number
  /** Attempts per idempotent call, including the first. */
  attempts: number
  /** First retry delay (ms); doubles for each further retry; ±20 % jitter. */
  backoffMs: number
  /** Overall deadline for one call including its retries (ms). */
  deadlineMs: number
  /** Consecutive failed calls that open the breaker. */
  breakerThreshold: number
  /** How long the breaker stays open before one half-open trial (ms). */
  breakerCooldownMs: number
}

export type BreakerStateName = 'closed' | 'open' | 'half-open'

export interface BreakerSnapshot {
  name: string
  state: BreakerStateName
  consecutiveFailures: number
  lastFailureAt: string | null
  lastFailureReason: string | null
  openedAt: string | null
  /** When an open breaker lets its next trial call through (null unless open). */
  nextTryAt: string | null
}

export interface PolicyHooks {
  onStateChange?(breaker: string, to: BreakerStateName): void
}

export interface AttemptContext {
  signal: AbortSignal
  /** 0 for the first attempt, 1 for the first retry, … */
  attempt: number
}

/** Exponential backoff with ±20 % jitter, so replicas failing together do not retry in lockstep. */
function backoffMs(baseMs: number, retry: number): number {
  return Math.round(baseMs * 2 ** retry * (0.8 + Math.random() * 0.4))
}

/**
 * A retry is only worth starting with at least this share of an attempt's timeout left before the deadline;
 * a retry squeezed into the last few hundred ms only adds load and cannot answer in time.
 */
const MIN_RETRY_SHARE = 0.5

const stateNames: Record<number, BreakerStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
}

/**
 * Failures that mean "stats is unavailable". A 4xx (StatsRequestError) is an answer, not a failure, and
 * waiting for one of core's own connection slots ('queued') says nothing about stats' health.
 */
const isUnavailable = (err: Error) => err instanceof StatsUnavailableError && err.kind !== 'queued'

export class UpstreamPolicy {
  readonly #breaker
  #consecutiveFailures = 0
  #lastFailureAt: number | null = null
  #lastFailureReason: string | null = null
  #openedAt: number | null = null

  constructor(
    readonly name: string,
    readonly settings: PolicySettings,
    /** Connection slots shared with the other breakers over the same pool. */
    private readonly slots: Slots,
    hooks: PolicyHooks = {},
  ) {
    this.#breaker = circuitBreaker(handleWhen(isUnavailable), {
      halfOpenAfter: settings.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    })

    this.#breaker.onFailure(({ handled, reason }) => {
      if (!handled) return
      this.#consecutiveFailures++
      this.#lastFailureAt = Date.now()
      this.#lastFailureReason = 'error' in reason ? reason.error.message : 'unexpected result'
    })
    this.#breaker.onSuccess(() => {
      this.#consecutiveFailures = 0
    })
    this.#breaker.onBreak(() => {
      this.#openedAt = Date.now()
    })
    this.#breaker.onStateChange((state) => hooks.onStateChange?.(name, stateNames[state] ?? 'closed'))
  }

  /**
   * Runs `attempt` under the policy. Only idempotent calls are retried. Throws StatsUnavailableError when
   * stats is unavailable (including breaker-open or half-open, without calling `attempt`), or whatever
   * `attempt` threw for answers that are not failures (4xx). Settles within the deadline (+ timer slack).
   */
  async execute<T>(
    attempt: (ctx: AttemptContext) => Promise<T>,
    { idempotent }: { idempotent: boolean },
  ): Promise<T> {
    // While the half-open trial runs, other calls fail fast rather than queue behind it (cockatiel would
    // make them wait for the trial and then run their own call: two upstream latencies for one call).
    if (this.#breaker.state === CircuitState.HalfOpen) {
      throw new StatsUnavailableError('breaker-open', `circuit breaker "${this.name}" is half-open`)
    }
    // A signal of its own per call: without one cockatiel hands every call the same module-wide signal.
    const callSignal = new AbortController().signal
    try {
      return await this.#breaker.execute(() => this.#attempts(attempt, idempotent), callSignal)
    } catch (err) {
      if (err instanceof BrokenCircuitError) {
        throw new StatsUnavailableError('breaker-open', `circuit breaker "${this.name}" is open`)
      }
      throw err
    }
  }

  /** Attempts until one answers, the error is not retryable, or a retry could not finish in time. */
  async #attempts<T>(attempt: (ctx: AttemptContext) => Promise<T>, idempotent: boolean): Promise<T> {
    const { attemptTimeoutMs, attempts, backoffMs: baseMs, deadlineMs } = this.settings
    const deadlineAt = Date.now() + deadlineMs
    for (let n = 0; ; n++) {
      let failure: unknown
      try {
        return await this.#timed(attempt, n, deadlineAt)
      } catch (err) {
        failure = err
      }
      const retryable = failure instanceof StatsUnavailableError && failure.retryable
      if (!idempotent || !retryable || n + 1 >= attempts) throw failure
      const delay = backoffMs(baseMs, n)
      if (deadlineAt - Date.now() - delay < attemptTimeoutMs * MIN_RETRY_SHARE) throw failure
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }

  /**
   * One attempt: first a connection slot (bounded by the deadline; the wait is not the attempt's time and
   * not stats' fault), then the attempt under withTimeout, cut to what is left of the deadline (so a policy
   * per attempt: the budget differs each time); its signal aborts the attempt's request at the timeout.
   */
  async #timed<T>(attempt: (ctx: AttemptContext) => Promise<T>, n: number, deadlineAt: number): Promise<T> {
    const release = await this.slots.acquire(deadlineAt)
    const budget = Math.max(1, Math.min(this.settings.attemptTimeoutMs, deadlineAt - Date.now()))
    try {
      return await withTimeout(
        budget,
        (signal) => attempt({ signal, attempt: n }),
        () => {
          throw new StatsUnavailableError('timeout', `no answer within ${budget} ms`, true)
        },
      )
    } finally {
      release()
    }
  }

  /** Seconds until an open breaker lets a trial through, else null. */
  retryAfterSeconds(): number | null {
    const next = this.#nextTryAt()
    if (next === null) return null
    return Math.max(1, Math.ceil((next - Date.now()) / 1000))
  }

  snapshot(): BreakerSnapshot {
    const next = this.#nextTryAt()
    return {
      name: this.name,
      state: stateNames[this.#breaker.state] ?? 'closed',
      consecutiveFailures: this.#consecutiveFailures,
      lastFailureAt: iso(this.#lastFailureAt),
      lastFailureReason: this.#lastFailureReason,
      openedAt: this.#breaker.state === CircuitState.Closed ? null : iso(this.#openedAt),
      nextTryAt: iso(next),
    }
  }

  #nextTryAt(): number | null {
    if (this.#breaker.state !== CircuitState.Open || this.#openedAt === null) return null
    return this.#openedAt + this.settings.breakerCooldownMs
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
