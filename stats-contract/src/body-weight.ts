// GET /v1/users/:userId/body-weight/trend
import Type from 'typebox'
import { Count, LifterFields, LocalDate, RangeFields, UserParams } from './common.ts'

/** Days after which an entry's pull on the trend has halved. */
export const TREND_HALF_LIFE_DAYS = 10

/** The trend rule, written once: the contract's description and the counting rules quote it. */
export const BODY_WEIGHT_TREND_RULE =
  `An exponentially weighted moving average with a ${TREND_HALF_LIFE_DAYS}-day half-life, over every entry in date order: ` +
  'the first entry ever logged starts the trend at its weight; each later entry moves it towards itself by 1 − 0.5^(d/10) of the gap, ' +
  `where d is the days since the previous entry (an entry ${TREND_HALF_LIFE_DAYS} days after the last moves it halfway; one the next day, by 6.7 %). ` +
  'Computed in exact kilograms from the first entry on, so entries before the range still shape it; shown to 0.01 of the unit (half-up).'

const BodyWeightTrendAnswer = Type.Object(
  {
    ...LifterFields,
    from: LocalDate('first day included'),
    to: LocalDate('last day included'),
    halfLifeDays: Count('the trend’s half-life in days'),
    points: Type.Array(
      Type.Object({
        date: LocalDate('the entry’s date'),
        weight: Type.Number({
          description:
            'the entry in `unit`: exactly as typed when typed in it, else converted to 0.01 (half-up)',
        }),
        trend: Type.Number({ description: 'the trend on that date, in `unit`, to 0.01 (half-up)' }),
      }),
      { description: 'one point per entry from `from` to `to`, ascending by date' },
    ),
  },
  { description: `body weight with its trend. ${BODY_WEIGHT_TREND_RULE}` },
)

export const bodyWeightTrend = {
  path: '/users/:userId/body-weight/trend',
  params: UserParams,
  querystring: Type.Object({ ...RangeFields }),
  response: BodyWeightTrendAnswer,
}
