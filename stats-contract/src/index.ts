// The core⇄stats contract, written once: each stats endpoint's path (under /v1), parameters, query and
// answer. stats-service validates, serialises and documents with these schemas; core-service builds its
// calls from the paths, checks every answer against `response` before a page uses it, and documents its
// /api/v1/stats proxy with the same answers.
import type { Static } from 'typebox'
import { bodyWeightTrend } from './body-weight.ts'
import { breakdown } from './breakdown.ts'
import { calendar } from './calendar.ts'
import { progression } from './progression.ts'
import { recentRecords, records } from './records.ts'
import { summary } from './summary.ts'
import { volume } from './volume.ts'

export { BODY_WEIGHT_TREND_RULE, TREND_HALF_LIFE_DAYS } from './body-weight.ts'
export { WORKING_SETS_NOTE } from './common.ts'
export { FORMULAS, MAX_REP_CAP } from './progression.ts'
export { RECORD_KINDS } from './records.ts'
export { BUCKETS } from './volume.ts'

/** Every stats path is under this prefix. */
export const PREFIX = '/v1'

export const endpoints = {
  summary,
  volume,
  progression,
  records,
  recentRecords,
  breakdown,
  calendar,
  bodyWeightTrend,
}

export type EndpointName = keyof typeof endpoints
export type Answer<E extends EndpointName> = Static<(typeof endpoints)[E]['response']>
export type Params<E extends EndpointName> = Static<(typeof endpoints)[E]['params']>
export type Query<E extends EndpointName> = Partial<Static<(typeof endpoints)[E]['querystring']>>

export type Summary = Answer<'summary'>
export type Volume = Answer<'volume'>
export type Progression = Answer<'progression'>
export type Records = Answer<'records'>
export type RecentRecords = Answer<'recentRecords'>
export type Breakdown = Answer<'breakdown'>
export type Calendar = Answer<'calendar'>
export type BodyWeightTrend = Answer<'bodyWeightTrend'>
export type Bucket = Volume['bucket']
export type Formula = Progression['formula']
