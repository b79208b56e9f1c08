// The SVG chart module and the calendar's load levels: pure functions, checked on their output.

import { DateTime } from 'luxon'
import t from 'tap'
import { barChart, formatChartDate, lineChart, MAX_DOTS, niceTicks } from '../../src/charts/svg-chart.ts'
import { loadLevels, monthsBetween } from '../../src/stats/calendar-load.ts'

t.test('nice ticks start at 0 and cover the maximum in round steps', async (t) => {
  t.same(niceTicks(96.25), [0, 25, 50, 75, 100])
  t.same(niceTicks(1330), [0, 500, 1000, 1500])
  t.same(niceTicks(7), [0, 2, 4, 6, 8])
  t.same(niceTicks(0), [0, 1])
})

t.test('chart dates read like luxon’s English "d LLL yyyy" on every day of 1999–2032', async (t) => {
  let mismatches = 0
  for (let day = DateTime.utc(1999, 1, 1); day.year < 2033; day = day.plus({ days: 1 })) {
    const iso = day.toISODate()!
    const expected = day.setLocale('en-US')
    if (formatChartDate(iso, true) !== expected.toFormat('d LLL yyyy')) mismatches++
    if (formatChartDate(iso) !== expected.toFormat('d LLL')) mismatches++
  }
  t.equal(mismatches, 0)
  t.equal(formatChartDate('2026-09-03', true), '3 Sep 2026')
})

t.test('a line chart places dated points in time order with a dated axis and a table', async (t) => {
  const chart = lineChart({
    id: 'c1',
    title: 'Estimated 1RM',
    unit: 'kg',
    format: (v) => `${v} kg`,
    series: [
      {
        name: 'e1RM',
        className: 'series-1',
        points: [
          { date: '2026-11-09', value: 96 },
          { date: '2026-01-05', value: 80 },
        ],
      },
      {
        name: 'Heaviest',
        className: 'series-2',
        points: [
          { date: '2026-01-05', value: 70 },
          { date: '2026-11-09', value: null },
        ],
      },
    ],
  })
  t.equal(chart.empty, false)
  t.match(chart.svg, /^<svg class="chart" id="c1" viewBox="0 0 480 260" width="100%" role="img"/)
  t.match(chart.svg, /<text class="tick"[^>]*>5 Jan<\/text>/)
  t.match(chart.svg, /<text class="tick"[^>]*>9 Nov<\/text>/)
  // Ascending by date: the path starts at the January point (left edge) and moves right.
  const path = /<g class="series series-1"><path d="M([\d.]+) [\d.]+ L([\d.]+)/.exec(chart.svg)
  t.ok(path && Number(path[1]) < Number(path[2]), 'left to right in time')
  t.same(chart.table.columns, ['Date', 'e1RM', 'Heaviest'])
  t.same(chart.table.rows, [
    ['5 Jan 2026', '80 kg', '70 kg'],
    ['9 Nov 2026', '96 kg', '—'],
  ])
  t.match(chart.summary, /Latest: e1RM 96 kg on 9 Nov 2026; Heaviest 70 kg on 5 Jan 2026/)
})

t.test('chart text is escaped, empty data says so, bars keep every bucket', async (t) => {
  const chart = barChart({
    id: 'v',
    title: 'Volume <b>&</b>',
    unit: 'lb',
    seriesName: 'Volume',
    bars: [
      { date: '2026-11-02', value: 100 },
      { date: '2026-11-09', value: 0 },
      { date: '2026-11-16', value: 50 },
    ],
  })
  t.notMatch(chart.svg, /<b>/)
  t.match(chart.svg, /Volume &lt;b&gt;&amp;&lt;\/b&gt;/)
  t.equal((chart.svg.match(/<rect /g) ?? []).length, 3, 'a zero week is still a bucket')
  t.equal(chart.table.rows.length, 3)
  const empty = lineChart({
    id: 'e',
    title: 'Nothing',
    unit: 'kg',
    series: [{ name: 'x', className: 'series-1', points: [] }],
  })
  t.equal(empty.empty, true)
  t.equal(empty.svg, '')
})

t.test('calendar load: months in view and levels 1–4 by the larger of volume and sets', async (t) => {
  t.same(monthsBetween('2026-10-26', '2026-12-06'), ['2026-10', '2026-11', '2026-12'])
  t.same(monthsBetween('2026-12-28', '2027-01-31'), ['2026-12', '2027-01'])
  t.same(
    loadLevels([
      { date: '2026-11-02', workouts: 1, sets: 5, volumeKg: 800 },
      { date: '2026-11-09', workouts: 1, sets: 12, volumeKg: 4200 },
      { date: '2026-11-10', workouts: 1, sets: 1, volumeKg: 0 },
      { date: '2026-11-11', workouts: 0, sets: 0, volumeKg: 0 },
    ]),
    { '2026-11-02': 2, '2026-11-09': 4, '2026-11-10': 1 },
  )
})

t.test('two sessions on one local date are both plotted and both in the table', async (t) => {
  const chart = lineChart({
    id: 'same-day',
    title: 'Estimated 1RM',
    unit: 'kg',
    format: (v) => `${v} kg`,
    series: [
      {
        name: 'Estimated 1RM',
        className: 'series-1',
        points: [
          { date: '2026-11-02', value: 100 },
          { date: '2026-11-09', value: 110 }, // morning
          { date: '2026-11-09', value: 120 }, // evening
        ],
      },
      {
        name: 'Heaviest weight',
        className: 'series-2',
        points: [
          { date: '2026-11-02', value: 90 },
          { date: '2026-11-09', value: 95 },
          { date: '2026-11-09', value: 105 },
        ],
      },
    ],
  })
  t.same(chart.table.rows, [
    ['2 Nov 2026', '100 kg', '90 kg'],
    ['9 Nov 2026', '110 kg', '95 kg'],
    ['9 Nov 2026', '120 kg', '105 kg'],
  ])
  t.equal((chart.svg.match(/<circle /g) ?? []).length, 6, 'every session is a point')
  t.match(chart.summary, /Latest: Estimated 1RM 120 kg on 9 Nov 2026; Heaviest weight 105 kg/)
})

t.test(
  'a line of more than MAX_DOTS points is drawn without dots; its values stay in the table',
  async (t) => {
    const points = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
        value: 100 + i,
      }))
    const chart = (n: number) =>
      lineChart({
        id: 'c',
        title: 'e1RM',
        unit: 'kg',
        series: [{ name: 'e1RM', className: 'series-1', points: points(n) }],
      })
    t.equal((chart(MAX_DOTS).svg.match(/<circle /g) ?? []).length, MAX_DOTS)
    const dense = chart(MAX_DOTS + 1)
    t.equal((dense.svg.match(/<circle /g) ?? []).length, 0)
    t.match(dense.svg, /<path d="M[^"]+"/, 'the line is drawn')
    t.equal(dense.table.rows.length, MAX_DOTS + 1)
  },
)
