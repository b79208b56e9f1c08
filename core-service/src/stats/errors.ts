// Why a stats call failed: an unavailable upstream (counts against the breaker, may fall back) versus a
// request stats refused with a 4xx (the caller's problem: never retried, never counted, never hidden).

export type FailureKind =
  | 'connection'
  | 'timeout'
  | 'deadline'
  | 'status'
  | 'bad-response'
  | 'breaker-open'
  /** every connection slot to stats stayed busy until the deadline: core's load, not stats' failure */
  | 'queued'

/** stats could not give a usable answer; the caller should fall back. */
export class StatsUnavailableError extends Error {
  override name = 'StatsUnavailableError'
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** Worth another attempt: connection errors, attempt timeouts, 502/503/504. */
    readonly retryable = false,
    readonly status?: number,
  ) {
    super(message)
  }
}

/** stats answered 4xx (bad parameters, unknown exercise): pass it on, do not retry, do not trip the breaker. */
export class StatsRequestError extends Error {
  override name = 'StatsRequestError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
