// The resilience policy around one group of stats calls (one circuit breaker): breaker → overall deadline →
// retry (idempotent GETs only) → per-attempt timeout. Built once per process; a breaker made per request
// would never see five failures in a row.
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
} from 'cockatiel'
import { StatsUnavailableError } from './errors.ts'

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

/**
 * Exponential backoff with ±20 % jitter: 200 ms then 400 ms by default, like the original, but spread so that
 * replicas failing together do not retry in lockstep.
 */
class JitteredBackoff implements IBackoffFactory<unknown> {
  constructor(
    private readonly baseMs: number,
    private readonly step = 0,
  ) {}
  next(): IBackoff<unknown> {
    const nominal = this.baseMs * 2 ** this.step
    const duration = Math.round(nominal * (0.8 + Math.random() * 0.4))
    const following = new JitteredBackoff(this.baseMs, this.step + 1)
    return { duration, next: () => following.next() }
  }
}

const stateNames: Record<number, BreakerStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
}

/** Failures that mean "stats is unavailable"; a 4xx (StatsRequestError) is an answer, not a failure. */
const isUnavailable = (err: Error) => err instanceof StatsUnavailableError

export class UpstreamPolicy {
  readonly #breaker
  readonly #deadline
  readonly #retry
  readonly #attemptTimeout
  #consecutiveFailures = 0
  #lastFailureAt: number | null = null
  #lastFailureReason: string | null = null
  #openedAt: number | null = null

  constructor(
    readonly name: string,
    readonly settings: PolicySettings,
    hooks: PolicyHooks = {},
  ) {
    this.#breaker = circuitBreaker(handleWhen(isUnavailable), {
      halfOpenAfter: settings.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    })
    this.#deadline = timeout(settings.deadlineMs, TimeoutStrategy.Aggressive)
    this.#retry = retry(
      handleWhen((err) => err instanceof StatsUnavailableError && err.retryable),
      { maxAttempts: settings.attempts - 1, backoff: new JitteredBackoff(settings.backoffMs) },
    )
    this.#attemptTimeout = timeout(settings.attemptTimeoutMs, TimeoutStrategy.Aggressive)

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
   * stats is unavailable (including breaker-open, without calling `attempt`), or whatever `attempt` threw
   * for answers that are not failures (4xx).
   */
  async execute<T>(
    attempt: (ctx: AttemptContext) => Promise<T>,
    { idempotent }: { idempotent: boolean },
  ): Promise<T> {
    const { attemptTimeoutMs, deadlineMs } = this.settings
    const timed = (ctx: AttemptContext) =>
      this.#attemptTimeout
        .execute(({ signal }) => attempt({ signal, attempt: ctx.attempt }), ctx.signal)
        .catch(rethrowAs('timeout', `no answer within ${attemptTimeoutMs} ms`, true))
    // A signal of its own per call: without one cockatiel hands every call the same module-wide signal, and
    // the timeouts' abort listeners pile up on it under concurrency (MaxListenersExceededWarning).
    const callSignal = new AbortController().signal
    try {
      return await this.#breaker.execute(
        ({ signal }) =>
          this.#deadline
            .execute(
              ({ signal }) =>
                idempotent ? this.#retry.execute(timed, signal) : timed({ signal, attempt: 0 }),
              signal,
            )
            .catch(rethrowAs('deadline', `no answer within the ${deadlineMs} ms deadline`, false)),
        callSignal,
      )
    } catch (err) {
      if (err instanceof BrokenCircuitError) {
        throw new StatsUnavailableError('breaker-open', `circuit breaker "${this.name}" is open`)
      }
      throw err
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

/** Turns cockatiel's TaskCancelledError (a timeout fired) into our own failure with a reason. */
function rethrowAs(kind: 'timeout' | 'deadline', message: string, retryable: boolean) {
  return (err: unknown): never => {
    if (err instanceof TaskCancelledError) throw new StatsUnavailableError(kind, message, retryable)
    throw err
  }
}
