// Server-side SVG charts over dated series: line charts (e1RM, heaviest, reps) and bar charts (volume), with
// dated x axis, labelled y axis in the lifter's unit, and the same numbers as a table for screen readers.
// Plain SVG markup with presentation attributes and classes: no JavaScript, nothing from a CDN, and no
// inline styles (the CSP forbids them).
import { Info } from 'luxon'
import { LOCALES, type Locale } from '../i18n/locales.ts'
import { numberFormat } from '../i18n/numbers.ts'
import { translator } from '../i18n/translate.ts'

export interface DatedPoint {
  /** Local calendar date, YYYY-MM-DD. */
  date: string
  value: number | null
}

export interface Series {
  name: string
  /** CSS class for colour/dash (e.g. 'series-1'), so series differ by more than colour. */
  className: string
  points: DatedPoint[]
}

export interface ChartTable {
  caption: string
  columns: string[]
  rows: string[][]
}

export interface Chart {
  id: string
  title: string
  /** One sentence for assistive tech: what the chart shows, its range and latest value. */
  summary: string
  svg: string
  table: ChartTable
  legend: { name: string; className: string }[]
  empty: boolean
}

export interface ChartOptions {
  id: string
  title: string
  /** Axis unit, e.g. 'kg', 'lb', 'reps'. */
  unit: string
  /** How a value reads in the table and labels, e.g. 102.5 → "102.5 kg". */
  format?: (value: number) => string
  /** The language of the chart's words, dates and axis numbers (English when not given). */
  locale?: Locale
}

// A narrow viewBox; progress.css sizes its text so labels read at ≥ 12 px on a 360 px phone.
const WIDTH = 480
const HEIGHT = 260
/** Most points a line gets dots for: ~7 px apart across the plot on a phone. */
export const MAX_DOTS = 60

const PAD = { top: 16, right: 20, bottom: 40, left: 56 }
const PLOT_W = WIDTH - PAD.left - PAD.right
const PLOT_H = HEIGHT - PAD.top - PAD.bottom

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000
const round = (n: number) => Math.round(n * 10) / 10

// Month abbreviations per locale, once: "Nov" (en), "nov." (sl).
const MONTHS = new Map(
  LOCALES.map((locale) => [
    locale,
    locale === 'en'
      ? ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
      : Info.months('short', { locale }),
  ]),
)

/**
 * Human date for axis and table: "3 Nov", or "3 Nov 2025" when `long`. Read straight from the YYYY-MM-DD
 * text: a chart formats every point several times, and a luxon parse-and-format per call was half of a
 * progress page's CPU (the same words as luxon's English "d LLL yyyy").
 */
export function formatChartDate(date: string, long = false, locale: Locale = 'en') {
  const [year, month, day] = date.split('-')
  const name = MONTHS.get(locale)?.[Number(month) - 1]
  // Slovenian writes the day as an ordinal: "3. nov. 2025".
  const short = locale === 'en' ? `${Number(day)} ${name}` : `${Number(day)}. ${name}`
  return long ? `${short} ${year}` : short
}

/** 0-based "nice" ticks (1, 2, 2.5, 5 × 10^n steps) covering max. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1]
  const raw = max / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude
  const ticks: number[] = []
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Math.round(v * 1000) / 1000)
  return ticks
}

/** Up to `count` date ticks spread over the range, always including both ends. */
function dateTicks(dates: string[], count: number): string[] {
  if (dates.length <= count) return dates
  const picked = new Set<string>()
  for (let i = 0; i < count; i++) picked.add(dates[Math.round((i * (dates.length - 1)) / (count - 1))]!)
  return [...picked]
}

/** Axis numbers stay short (the unit is on the axis label): 12500 → "12.5k". */
const tickLabel = (v: number, locale: Locale) => {
  const number = numberFormat(locale, 1)
  return v >= 10_000 ? `${number.format(round(v / 1000))}k` : number.format(round(v))
}

function axes(
  yTicks: number[],
  yMax: number,
  xTicks: { x: number; label: string }[],
  unit: string,
  locale: Locale,
) {
  const y = (v: number) => PAD.top + PLOT_H - (v / yMax) * PLOT_H
  const parts: string[] = []
  for (const tick of yTicks) {
    const ty = round(y(tick))
    parts.push(
      `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${ty}" y2="${ty}" stroke="#d8dde5" stroke-width="1"/>`,
    )
    parts.push(
      `<text class="tick" x="${PAD.left - 6}" y="${ty + 4}" text-anchor="end" font-size="15" fill="#5b6472">${escapeXml(tickLabel(tick, locale))}</text>`,
    )
  }
  for (const tick of xTicks) {
    parts.push(
      `<line x1="${tick.x}" x2="${tick.x}" y1="${PAD.top + PLOT_H}" y2="${PAD.top + PLOT_H + 5}" stroke="#5b6472"/>`,
    )
    parts.push(
      `<text class="tick" x="${tick.x}" y="${HEIGHT - PAD.bottom + 20}" text-anchor="middle" font-size="15" fill="#5b6472">${escapeXml(tick.label)}</text>`,
    )
  }
  parts.push(
    `<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + PLOT_H}" y2="${PAD.top + PLOT_H}" stroke="#5b6472"/>`,
  )
  parts.push(
    `<text class="axis-label" x="12" y="${PAD.top + PLOT_H / 2}" transform="rotate(-90 12 ${PAD.top + PLOT_H / 2})" text-anchor="middle" font-size="15" fill="#5b6472">${escapeXml(unit)}</text>`,
  )
  return parts.join('')
}

function svgFrame(id: string, title: string, summary: string, body: string) {
  return (
    `<svg class="chart" id="${escapeXml(id)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" ` +
    `aria-labelledby="${escapeXml(id)}-title ${escapeXml(id)}-desc" xmlns="http://www.w3.org/2000/svg" focusable="false">` +
    `<title id="${escapeXml(id)}-title">${escapeXml(title)}</title><desc id="${escapeXml(id)}-desc">${escapeXml(summary)}</desc>` +
    `${body}</svg>`
  )
}

/** One or more dated lines on a shared time axis (x is proportional to time, so gaps show as gaps). */
export function lineChart(input: ChartOptions & { series: Series[] }): Chart {
  // 0 for equal dates: the sort is stable, so two sessions on one date keep their order.
  const byDate = (a: DatedPoint, b: DatedPoint) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)
  const options = {
    ...input,
    series: input.series.map((s) => ({ ...s, points: [...s.points].sort(byDate) })),
  }
  const locale = options.locale ?? 'en'
  const t = translator(locale)
  const day = (date: string, long = true) => formatChartDate(date, long, locale)
  const format = options.format ?? ((v: number) => numberFormat(locale, 1).format(round(v)))
  const dates = [...new Set(options.series.flatMap((s) => s.points.map((p) => p.date)))].sort()
  const values = options.series.flatMap((s) =>
    s.points.map((p) => p.value).filter((v): v is number => v !== null),
  )
  const empty = values.length === 0
  // Every session gets its own row, also when two share a local date (the n-th point of each series on
  // that date belongs to the n-th session).
  const byDay = options.series.map((s) => {
    const days = new Map<string, DatedPoint[]>()
    for (const p of s.points) days.set(p.date, [...(days.get(p.date) ?? []), p])
    return days
  })
  const slots = dates.flatMap((date) => {
    const most = Math.max(...byDay.map((days) => days.get(date)?.length ?? 0))
    return Array.from({ length: most }, (_, n) => ({ date, n }))
  })
  const table: ChartTable = {
    caption: `${options.title} (${options.unit})`,
    columns: [t('common.date'), ...options.series.map((s) => s.name)],
    rows: slots.map(({ date, n }) => [
      day(date),
      ...byDay.map((days) => {
        const v = days.get(date)?.[n]?.value
        return v === null || v === undefined ? '—' : format(v)
      }),
    ]),
  }
  const legend = options.series.map(({ name, className }) => ({ name, className }))
  if (empty)
    return { id: options.id, title: options.title, summary: t('chart.noData'), svg: '', table, legend, empty }
  const yTicks = niceTicks(Math.max(...values))
  const yMax = yTicks.at(-1)!
  const first = dayNumber(dates[0]!)
  const span = Math.max(1, dayNumber(dates.at(-1)!) - first)
  const x = (date: string) =>
    round(dates.length === 1 ? PAD.left + PLOT_W / 2 : PAD.left + ((dayNumber(date) - first) / span) * PLOT_W)
  const y = (v: number) => round(PAD.top + PLOT_H - (v / yMax) * PLOT_H)
  const xTicks = dateTicks(dates, 4).map((date) => ({ x: x(date), label: day(date, span > 330) }))
  const lines = options.series.map((s) => {
    const pts = s.points.filter((p) => p.value !== null)
    const path = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.date)} ${y(p.value!)}`).join(' ')
    // A dot (with its value on hover) per point while dots can be told apart; past that the line alone —
    // every value is in the chart's table — which also keeps a year of sessions from doubling the page.
    const dots = (pts.length > MAX_DOTS ? [] : pts)
      .map(
        (p) =>
          `<circle cx="${x(p.date)}" cy="${y(p.value!)}" r="3.5"><title>${escapeXml(`${day(p.date)}: ${format(p.value!)}`)}</title></circle>`,
      )
      .join('')
    return `<g class="series ${escapeXml(s.className)}"><path d="${path}" fill="none" stroke-width="2.5"/>${dots}</g>`
  })
  const latest = options.series
    .map((s) => {
      const last = s.points.filter((p) => p.value !== null).at(-1)
      return last
        ? t('chart.latestOn', { name: s.name, value: format(last.value!), date: day(last.date) })
        : null
    })
    .filter(Boolean)
    .join('; ')
  const summary = t('chart.lineSummary', {
    title: options.title,
    from: day(dates[0]!),
    to: day(dates.at(-1)!),
    latest,
  })
  const svg = svgFrame(
    options.id,
    options.title,
    summary,
    axes(yTicks, yMax, xTicks, options.unit, locale) + lines.join(''),
  )
  return { id: options.id, title: options.title, summary, svg, table, legend, empty }
}

/** Bars per dated bucket (e.g. weekly volume), every bucket given, in order. */
export function barChart(options: ChartOptions & { bars: DatedPoint[]; seriesName: string }): Chart {
  const locale = options.locale ?? 'en'
  const t = translator(locale)
  const day = (date: string, long = true) => formatChartDate(date, long, locale)
  const format = options.format ?? ((v: number) => numberFormat(locale, 1).format(round(v)))
  const bars = [...options.bars].sort((a, b) => (a.date < b.date ? -1 : 1))
  const values = bars.map((b) => b.value ?? 0)
  const empty = values.every((v) => v === 0)
  const table: ChartTable = {
    caption: `${options.title} (${options.unit})`,
    columns: [t('chart.starting'), options.seriesName],
    rows: bars.map((b) => [day(b.date), format(b.value ?? 0)]),
  }
  const legend = [{ name: options.seriesName, className: 'series-1' }]
  if (empty)
    return { id: options.id, title: options.title, summary: t('chart.noData'), svg: '', table, legend, empty }
  const yTicks = niceTicks(Math.max(...values))
  const yMax = yTicks.at(-1)!
  const slot = PLOT_W / bars.length
  // Few bars stay bar-shaped rather than filling the plot.
  const barW = Math.max(1, round(Math.min(slot * 0.7, 48)))
  const rects = bars.map((b, i) => {
    const h = round(((b.value ?? 0) / yMax) * PLOT_H)
    const bx = round(PAD.left + i * slot + (slot - barW) / 2)
    return `<rect x="${bx}" y="${round(PAD.top + PLOT_H - h)}" width="${barW}" height="${h}"><title>${escapeXml(`${day(b.date)}: ${format(b.value ?? 0)}`)}</title></rect>`
  })
  const span = dayNumber(bars.at(-1)!.date) - dayNumber(bars[0]!.date)
  const xTicks = dateTicks(
    bars.map((b) => b.date),
    4,
  ).map((date) => {
    const i = bars.findIndex((b) => b.date === date)
    return { x: round(PAD.left + i * slot + slot / 2), label: day(date, span > 330) }
  })
  const total = values.reduce((a, b) => a + b, 0)
  const last = bars.at(-1)!
  const summary = t('chart.barSummary', {
    title: options.title,
    bars: t('chart.bars', { count: bars.length }),
    from: day(bars[0]!.date),
    to: day(last.date),
    total: format(total),
    latest: format(last.value ?? 0),
  })
  const svg = svgFrame(
    options.id,
    options.title,
    summary,
    `${axes(yTicks, yMax, xTicks, options.unit, locale)}<g class="series series-1 bars">${rects.join('')}</g>`,
  )
  return { id: options.id, title: options.title, summary, svg, table, legend, empty }
}
