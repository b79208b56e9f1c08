// The request's page language (request.locale) and its translate function (request.t), from the
// signed-in lifter's setting, else Accept-Language, else English (i18n/locales.ts). Both are getters, so
// they read request.user whenever asked, after authentication has set it. The JSON API never asks: it
// answers in English for every caller (ARCHITECTURE.md, "Languages").
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type Locale, localeFor } from '../i18n/locales.ts'
import { type Translate, translator } from '../i18n/translate.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The language this request's page is rendered in. */
    readonly locale: Locale
    /** Translates a catalog key into request.locale: request.t('flash.workoutSaved'). */
    readonly t: Translate
  }
}

async function i18nPlugin(fastify: FastifyInstance) {
  fastify.decorateRequest('locale', {
    getter(this: FastifyRequest): Locale {
      return localeFor(this.user?.language, this.headers['accept-language'])
    },
  })
  fastify.decorateRequest('t', {
    getter(this: FastifyRequest): Translate {
      return translator(this.locale)
    },
  })
}

export default fp(i18nPlugin, { name: 'i18n', dependencies: ['authentication'] })
