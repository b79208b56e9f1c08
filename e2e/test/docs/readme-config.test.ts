// The README's configuration tables stay true to the code: every variable each service's config schema
// reads is documented with its default, and the README documents no variable the code doesn't read.
import fs from 'node:fs'
import { configKeys } from '@liftlog/service-kit'
import t from 'tap'
import { CoreConfigSchema } from '../../../core-service/src/config.ts'
import { StatsConfigSchema } from '../../../stats-service/src/config.ts'

const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')

function table(heading: string): Map<string, string> {
  const start = readme.indexOf(`### ${heading}\n`)
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1))
  const rows = new Map<string, string>()
  for (const match of section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm))
    rows.set(match[1]!, match[2]!.trim())
  return rows
}

for (const [heading, schema] of [
  ['core-service', CoreConfigSchema],
  ['stats-service', StatsConfigSchema],
] as const) {
  t.test(`README documents every ${heading} variable with its default`, async (t) => {
    const documented = table(heading)
    t.ok(documented.size > 0, 'the table was found')
    for (const key of configKeys(schema)) {
      const property = schema.properties[key as keyof typeof schema.properties] as { default?: unknown }
      t.ok(documented.has(key), `${key} is documented`)
      if (property.default !== undefined)
        t.equal(documented.get(key), `\`${property.default}\``, `${key} default`)
      else t.match(documented.get(key), /required|unset/, `${key} says required or unset`)
    }
    t.same(
      [...documented.keys()].filter((key) => !configKeys(schema).includes(key)),
      [],
      'nothing extra',
    )
  })
}
