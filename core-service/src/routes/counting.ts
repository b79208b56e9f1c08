// "How LiftLog counts": the definitions behind every number, for lifters, from the same list the OpenAPI
// descriptions are made of. Public: it is documentation, and linked from the progress pages.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { COUNTING_RULES } from '@liftlog/service-kit'
import type { FastifyInstance } from 'fastify'
import type { Locale } from '../i18n/locales.ts'
import { translator } from '../i18n/translate.ts'

/** A rule's catalog key: "Estimated 1RM" → counting.rules.estimated-1rm (en.json holds the same words). */
export const ruleKey = (term: string) =>
  `counting.rules.${term
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-$/, '')}`

/** The rules in a language, in COUNTING_RULES' order. */
function countingRules(locale: Locale) {
  const t = translator(locale)
  return COUNTING_RULES.map(({ term }) => ({
    term: t(`${ruleKey(term)}.term`),
    rule: t(`${ruleKey(term)}.rule`),
  }))
}

export default async function countingRoutes(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get(
    '/how-liftlog-counts',
    {
      schema: {
        hide: true,
        summary: 'How LiftLog counts',
        response: { 200: { description: 'HTML page', type: 'string' } },
      },
    },
    async (request, reply) =>
      reply.viewAsync('pages/how-liftlog-counts.hbs', {
        title: request.t('counting.title'),
        rules: countingRules(request.locale),
      }),
  )
}
