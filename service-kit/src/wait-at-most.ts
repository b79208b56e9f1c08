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

/**
 * `work`'s outcome within `ms`, else `onTimeout()`'s (what it returns, or throws). The signal given to `work`
 * aborts at the timeout, and work failing because of that abort is the timeout too (whichever of the two
 * settles first: cockatiel's TaskCancelledError or, say, undici's abort error).
 */
export async function withTimeout<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  onTimeout: () => T,
): Promise<T> {
  let signal: AbortSignal | undefined
  try {
    return await waitAtMost(ms).execute((context) => {
      signal = context.signal
      return work(context.signal)
    })
  } catch (err) {
    if (err instanceof TaskCancelledError || signal?.aborted) return onTimeout()
    throw err
  }
}
