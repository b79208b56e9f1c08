// Prometheus metrics of core's calls to stats: breaker state and transitions, attempts, retries, fallbacks
// and fallback-cache hits. Labels are breaker names and stats route patterns, never raw paths.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { BreakerStateName } from './policy.ts'

const stateValue: Record<BreakerStateName, number> = { closed: 0, 'half-open': 1, open: 2 }

export type CallOutcome = 'fresh' | 'stale' | 'degraded' | 'client_error'

export class StatsMetrics {
  readonly breakerState
  readonly transitions
  readonly attempts
  readonly attemptDuration
  readonly retries
  readonly calls
  readonly fallbacks
  readonly cacheLookups

  constructor(registry: Registry) {
    const registers = [registry]
    this.breakerState = new Gauge({
      name: 'stats_breaker_state',
      help: 'Circuit breaker state per breaker: 0 closed, 1 half-open, 2 open',
      labelNames: ['breaker'] as const,
      registers,
    })
    this.transitions = new Counter({
      name: 'stats_breaker_transitions_total',
      help: 'Circuit breaker state changes, by breaker and the state entered',
      labelNames: ['breaker', 'to'] as const,
      registers,
    })
    this.attempts = new Counter({
      name: 'stats_upstream_attempts_total',
      help: 'HTTP attempts core made to stats, by stats route pattern and result',
      labelNames: ['endpoint', 'result'] as const,
      registers,
    })
    this.attemptDuration = new Histogram({
      name: 'stats_upstream_attempt_duration_seconds',
      help: 'Latency of HTTP attempts to stats, by stats route pattern',
      labelNames: ['endpoint'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    })
    this.retries = new Counter({
      name: 'stats_retries_total',
      help: 'Retried attempts to stats (after a connection error, timeout or 502/503/504)',
      labelNames: ['endpoint'] as const,
      registers,
    })
    this.calls = new Counter({
      name: 'stats_calls_total',
      help: 'Stats calls by route pattern and what the caller got: fresh, stale (fallback), degraded, client_error',
      labelNames: ['endpoint', 'outcome'] as const,
      registers,
    })
    this.fallbacks = new Counter({
      name: 'stats_fallbacks_total',
      help: 'Fallbacks served when stats was unavailable: stale (last good result) or degraded (nothing kept)',
      labelNames: ['endpoint', 'kind', 'reason'] as const,
      registers,
    })
    this.cacheLookups = new Counter({
      name: 'stats_fallback_cache_lookups_total',
      help: 'Lookups of the last-good cache when stats was unavailable, by result (hit or miss)',
      labelNames: ['endpoint', 'result'] as const,
      registers,
    })
  }

  breaker(name: string, state: BreakerStateName, transition: boolean) {
    this.breakerState.set({ breaker: name }, stateValue[state])
    if (transition) this.transitions.inc({ breaker: name, to: state })
  }
}
