// The counting rules both services document: every rule is named once and reaches the Markdown.
import t from 'tap'
import { COUNTING_RULES, countingRulesMarkdown } from '../src/index.ts'

t.test('each rule has a unique term and text, and the Markdown lists them all', async (t) => {
  const terms = COUNTING_RULES.map((r) => r.term)
  t.equal(new Set(terms).size, terms.length, 'no term twice')
  const markdown = countingRulesMarkdown()
  for (const rule of COUNTING_RULES) {
    t.ok(rule.rule.length > 20, `${rule.term} says something`)
    t.ok(markdown.includes(`- **${rule.term}**: ${rule.rule}`), `${rule.term} in the Markdown`)
  }
})
