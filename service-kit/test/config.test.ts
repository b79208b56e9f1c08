// loadConfig: converts and defaults what is set, and fails with one line naming the variable.
import t from 'tap'
import Type from 'typebox'
import { ConfigError, configKeys, loadConfig } from '../src/config.ts'

const Schema = Type.Object({
  PORT: Type.Integer({ default: 5000, minimum: 1, maximum: 65535, description: 'TCP port' }),
  DATABASE_URL: Type.String({ pattern: '^postgres://', description: 'e.g. postgres://u@h/db' }),
  TOKEN: Type.String({ minLength: 16 }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^redis://' })),
})

t.test('converts numbers, applies defaults, ignores unrelated and empty variables', async (t) => {
  const config = loadConfig(Schema, {
    PORT: '8080',
    DATABASE_URL: 'postgres://u@h/db',
    TOKEN: 'x'.repeat(16),
    REDIS_URL: '',
    HOME: '/root',
  })
  t.same(config, { PORT: 8080, DATABASE_URL: 'postgres://u@h/db', TOKEN: 'x'.repeat(16) })
  t.equal(loadConfig(Schema, { DATABASE_URL: 'postgres://u@h/db', TOKEN: 'x'.repeat(16) }).PORT, 5000)
})

t.test('a malformed variable is named with what was given and the hint', async (t) => {
  t.throws(() => loadConfig(Schema, { DATABASE_URL: 'nonsense', TOKEN: 'x'.repeat(16) }), {
    name: 'ConfigError',
    message:
      'invalid configuration: DATABASE_URL must match pattern "^postgres://" (got "nonsense") — e.g. postgres://u@h/db',
  })
  t.throws(
    () => loadConfig(Schema, { PORT: 'eighty', DATABASE_URL: 'postgres://u@h/db', TOKEN: 'x'.repeat(16) }),
    {
      message: /^invalid configuration: PORT must be integer \(got "eighty"\) — TCP port$/,
    },
  )
})

t.test('missing variables are listed first, with a count of the other problems', async (t) => {
  const error = t.throws(() => loadConfig(Schema, { PORT: '0' })) as ConfigError
  t.ok(error instanceof ConfigError)
  t.match(
    error.message,
    /^invalid configuration: DATABASE_URL is not set — e\.g\. postgres:\/\/u@h\/db \(and 2 more problems\)$/,
  )
})

t.test('long values are shortened in the message', async (t) => {
  const error = t.throws(() =>
    loadConfig(Schema, { DATABASE_URL: 'x'.repeat(200), TOKEN: 'x'.repeat(16) }),
  ) as Error
  t.ok(error.message.includes(`${'x'.repeat(60)}…`))
  t.notOk(error.message.includes('x'.repeat(61)))
})

t.test('configKeys lists every variable the schema reads', async (t) => {
  t.same(configKeys(Schema), ['PORT', 'DATABASE_URL', 'TOKEN', 'REDIS_URL'])
})
