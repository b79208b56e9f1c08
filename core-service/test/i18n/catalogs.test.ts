// Both languages are complete: the same messages in en.json and sl.json, each plural message with every
// form its language's plural rules use (Slovenian: one, two, few, other), no empty message, and every key
// a template or the code asks for exists. A key missing anywhere fails here, naming it.
import t from 'tap'
import { LOCALES } from '../../src/i18n/locales.ts'
import { catalogs } from '../../src/i18n/translate.ts'
import { baseKeys, flatten, pluralForms, usedKeys } from './catalog-keys.ts'

const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(catalogs[l])])) as Record<
  (typeof LOCALES)[number],
  Map<string, unknown>
>

t.test('every language has exactly the messages English has', async (t) => {
  const english = baseKeys(flat.en)
  t.ok(english.size > 100, `the English catalog has its messages (${english.size})`)
  for (const locale of LOCALES) {
    const keys = baseKeys(flat[locale])
    t.same(
      [...english].filter((k) => !keys.has(k)),
      [],
      `${locale}: no message missing`,
    )
    t.same(
      [...keys].filter((k) => !english.has(k)),
      [],
      `${locale}: no message English lacks`,
    )
  }
})

t.test('plural messages have exactly the forms their language uses', async (t) => {
  for (const locale of LOCALES) {
    const needed = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort()
    const forms = pluralForms(flat[locale])
    t.ok(forms.size > 5, `${locale} has plural messages`)
    for (const [key, have] of forms) t.same(have, needed, `${locale}: ${key} has forms ${needed.join(', ')}`)
    // A message plural in one language is plural in the other (or the count is lost).
    t.same(
      [...pluralForms(flat.en).keys()].filter((k) => !forms.has(k)),
      [],
      `${locale}: every English plural message is plural`,
    )
  }
  t.same(
    [...new Intl.PluralRules('sl').resolvedOptions().pluralCategories].sort(),
    ['few', 'one', 'other', 'two'],
    'Slovenian has four plural forms',
  )
})

t.test('no message is empty, and interpolations match across languages', async (t) => {
  const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
  for (const locale of LOCALES) {
    for (const [key, value] of flat[locale]) {
      if (typeof value !== 'string' || value.trim() === '') t.fail(`${locale}: ${key} is empty or not text`)
      const english = flat.en.get(key) ?? flat.en.get(key.replace(/_(two|few)$/, '_other'))
      if (typeof english === 'string' && typeof value === 'string') {
        const want = placeholders(english).filter((p) => p !== 'count')
        const have = placeholders(value).filter((p) => p !== 'count')
        t.same([...new Set(have)], [...new Set(want)], `${locale}: ${key} uses the same values as English`)
      }
    }
  }
})

t.test('every key a template or the code uses is in the catalogs', async (t) => {
  const used = usedKeys()
  t.ok(used.length > 100, `keys found in templates and code (${used.length})`)
  for (const locale of LOCALES) {
    const keys = baseKeys(flat[locale])
    const missing = used.filter(({ key }) => !keys.has(key) && !keys.has(key.replace(/\.$/, '')))
    // Dynamic keys (errorPage.title.<kind>) are listed in full by their tables; a prefix alone is no key.
    t.same(
      missing.map(({ key, where }) => `${key} (${where})`),
      [],
      `${locale}: no used key is missing`,
    )
  }
})

t.test(
  'the English counting rules are COUNTING_RULES word for word (one text for the page and /apidocs)',
  async (t) => {
    const { COUNTING_RULES } = await import('@liftlog/service-kit')
    const { ruleKey } = await import('../../src/routes/counting.ts')
    for (const { term, rule } of COUNTING_RULES) {
      t.equal(flat.en.get(`${ruleKey(term)}.term`), term, `${term}: the term`)
      t.equal(flat.en.get(`${ruleKey(term)}.rule`), rule, `${term}: the rule`)
    }
  },
)

t.test('the English exercise names are the seeded catalog’s names', async (t) => {
  const { exerciseCatalog } = await import('../../src/db/catalog.ts')
  for (const exercise of exerciseCatalog)
    t.equal(flat.en.get(`catalog.exercises.${exercise.key}`), exercise.name, exercise.key)
  t.equal(
    [...flat.en.keys()].filter((k) => k.startsWith('catalog.exercises.')).length,
    exerciseCatalog.length,
    'no name for an exercise the catalog does not have',
  )
})

t.test('form error messages have their catalog wording, and pages show them in Slovenian', async (t) => {
  const { FORM_ERROR_KEYS, localizeFormError } = await import('../../src/i18n/form-errors.ts')
  for (const locale of LOCALES) {
    const keys = baseKeys(flat[locale])
    t.same(
      FORM_ERROR_KEYS.filter((k) => !keys.has(k)),
      [],
      `${locale}: every form error wording is in the catalog`,
    )
  }
  t.equal(
    localizeFormError('must be a whole number from 0 to 1000', 'sl'),
    'mora biti celo število od 0 do 1000',
  )
  t.equal(
    localizeFormError('"Pin Squat" is used in 3 logged sets; archive it instead of deleting it', 'sl'),
    '»Pin Squat« je uporabljena v 3 vpisanih serijah; namesto brisanja jo arhivirajte',
  )
  t.equal(localizeFormError('is required', 'en'), 'is required', 'English shows the message as written')
  t.equal(localizeFormError('something new', 'sl'), 'something new', 'an unknown wording still shows')
})
