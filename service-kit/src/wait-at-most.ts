// The one way both services bound a wait on a dependency: cockatiel's timeout policy.
import { TaskCancelledError, TimeoutStrategy, timeout } from 'cockatiel'

export { TaskCancelledError }

/**
 * A timeout policy of `ms`. Aggressive: the caller gets TaskCancelledError at `ms` even if the work ignores
 * the policy's signal (the work itself may go on, e.g. a shared fetch whose answer is kept for later).
 * abortOnReturn off: aborting the signal of work that already finished only cost an AbortError per call
 * (seen in the proxy's CPU profile).
 */
export function waitAtMost(ms: number) {
  return timeout(Math.max(0, ms), { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false })
}
