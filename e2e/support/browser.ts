// A real browser for the journeys: Debian's chromium driven by playwright-core (no browser download
// works here), a phone-sized page that records console errors, and a folder for screenshots.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const chromiumMissing = fs.existsSync(CHROMIUM)
  ? false
  : `no chromium at ${CHROMIUM} (apt-get install -y chromium)`

// Without the networking flags Chromium's background connections are refused by the closed network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface PhonePage {
  browser: Browser
  page: Page
  /** Console errors and uncaught page errors, in order. */
  problems: string[]
  /** Full-page PNG into the screenshot folder (LIFTLOG_SCREENSHOTS, else a temp dir). */
  shot(name: string): Promise<Buffer>
  shots: string
}

export interface PhonePageOptions {
  timezoneId: string
  name: string
  /** The device's colour scheme (prefers-color-scheme); light unless given. */
  colorScheme?: 'light' | 'dark'
  locale?: string
  /** Lets a test inject axe-core (the app's CSP forbids scripts it did not serve). */
  bypassCSP?: boolean
}

export async function openPhonePage(options: PhonePageOptions): Promise<PhonePage> {
  const shots =
    process.env.LIFTLOG_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), `liftlog-${options.name}-`))
  const browser = await launchChromium()
  const { page, problems } = await phoneIn(browser, {
    timezoneId: options.timezoneId,
    locale: options.locale ?? 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
    bypassCSP: options.bypassCSP ?? false,
  })
  const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
  return { browser, page, problems, shot, shots }
}

/** Today's date in `zone` as YYYY-MM-DD. */
export function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())
}

/** Launches Debian's chromium headless with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
}

/**
 * A 360 × 780 page in a new context of `browser` (`options` are the context's: zone, locale, scripts…),
 * with its console errors and page errors collected in `problems`.
 */
export async function phoneIn(browser: Browser, options: BrowserContextOptions) {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, ...options })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  return { context, page, problems }
}
