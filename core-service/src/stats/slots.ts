// Connection slots to stats: at most `size` requests in flight (one per pooled connection), the rest wait in
// a bounded queue for at most their deadline. Waiting here is core being busy, not stats failing, so its
// error ('queued') never counts against a breaker and the wait never eats into an attempt's timeout.
import { StatsUnavailableError } from './errors.ts'

interface Waiter {
  grant: () => void
  timer: NodeJS.Timeout
}

export class Slots {
  #busy = 0
  readonly #waiting: Waiter[] = []

  constructor(
    readonly size: number,
    /** Waiters beyond this are refused at once: a longer queue could not drain within any deadline. */
    readonly maxWaiting = size * 4,
  ) {}

  get busy() {
    return this.#busy
  }
  get waiting() {
    return this.#waiting.length
  }

  /** Resolves with a release function once a slot is free; rejects ('queued') if none frees by deadlineAt. */
  acquire(deadlineAt: number): Promise<() => void> {
    if (this.#busy < this.size) {
      this.#busy++
      return Promise.resolve(this.#releaser())
    }
    if (this.#waiting.length >= this.maxWaiting) return Promise.reject(queued('the queue is full'))
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer)
          resolve(this.#releaser())
        },
        timer: setTimeout(
          () => {
            this.#waiting.splice(this.#waiting.indexOf(waiter), 1)
            reject(queued('no connection to stats freed up before the deadline'))
          },
          Math.max(0, deadlineAt - Date.now()),
        ),
      }
      this.#waiting.push(waiter)
    })
  }

  #releaser() {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.#waiting.shift()
      if (next) next.grant()
      else this.#busy--
    }
  }
}

const queued = (why: string) => new StatsUnavailableError('queued', `all stats connections busy: ${why}`)
