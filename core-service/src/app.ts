// core-service as a Fastify plugin: infrastructure first, then routes, registered explicitly in order.

import fastifyFormbody from '@fastify/formbody'
import {
  countingRulesMarkdown,
  errorHandler,
  healthRoutes,
  metrics,
  openApi,
  redis,
} from '@liftlog/service-kit'
import type { FastifyInstance } from 'fastify'
import type { CoreConfig } from './config.ts'
import authentication from './plugins/authentication.ts'
import i18n from './plugins/i18n.ts'
import inputGuard from './plugins/input-guard.ts'
import prisma from './plugins/prisma.ts'
import rateLimit from './plugins/rate-limit.ts'
import security from './plugins/security.ts'
import session from './plugins/session.ts'
import statsClient from './plugins/stats-client.ts'
import views, { renderErrorPage } from './plugins/views.ts'
import accountRoutes from './routes/accounts.ts'
import apiTokenRoutes from './routes/api-tokens.ts'
import bodyWeightApi from './routes/body-weight/api.ts'
import bodyWeightPages from './routes/body-weight/pages.ts'
import calendarRoutes, { calendarApi } from './routes/calendar.ts'
import countingRoutes from './routes/counting.ts'
import exerciseApi from './routes/exercises/api.ts'
import exercisePages from './routes/exercises/pages.ts'
import homeRoutes from './routes/home.ts'
import importApi from './routes/imports/api.ts'
import importPages from './routes/imports/pages.ts'
import meRoutes from './routes/me.ts'
import progressRoutes from './routes/progress.ts'
import relativeStrengthRoutes from './routes/relative-strength.ts'
import resilienceRoutes from './routes/resilience.ts'
import routinesApi from './routes/routines-api.ts'
import routinePages from './routes/routines-pages.ts'
import { apiNotFound, audienceScope, signedIn } from './routes/scopes.ts'
import settingsRoutes from './routes/settings.ts'
import statsApiRoutes from './routes/stats-api.ts'
import workoutApi from './routes/workouts/api.ts'
import liveWorkoutApi from './routes/workouts/live-api.ts'
import liveWorkoutPages, { liveBanner } from './routes/workouts/live-pages.ts'
import workoutPages from './routes/workouts/pages.ts'
import { calendarDayLoad } from './stats/calendar-load.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The time every route and domain rule asks for "now"; tests inject a fixed one (buildCore). */
    clock: () => Date
  }
}

export interface AppOptions {
  config: CoreConfig
  clock?: () => Date
}

export default async function app(fastify: FastifyInstance, { config, clock }: AppOptions) {
  fastify.decorate('clock', clock ?? (() => new Date()))
  await fastify.register(errorHandler, { renderPage: renderErrorPage })
  await fastify.register(openApi, {
    title: 'LiftLog core API',
    description:
      'Accounts, exercises, workouts and progress for lifters. Authenticate with the session cookie or a personal API token (Authorization: Bearer).\n\n' +
      '**Trying it out here**: create a token under Settings → API tokens (or POST /api/v1/tokens while signed in), press **Authorize**, and paste it into bearerAuth; every "Try it out" then sends it. Signed in with the browser cookie alone, reads work but writes answer 403 CSRF_REJECTED: a cookie-authenticated write needs the header x-csrf-token, which Swagger UI does not send — use the token.\n\n' +
      `## How LiftLog counts (also at /how-liftlog-counts)\n\n${countingRulesMarkdown()}`,
    version: '1.0.0',
    tags: [
      { name: 'operations', description: 'Health and readiness for orchestrators' },
      { name: 'account', description: 'The signed-in lifter and their personal API tokens' },
      { name: 'exercises', description: 'The built-in catalog and your own exercises' },
      { name: 'workouts', description: 'Your workouts and their sets; weights in your unit' },
      {
        name: 'routines',
        description:
          'Your plans of exercises with target sets × reps × weight, and starting a live workout from one',
      },
      { name: 'calendar', description: 'Your workouts by local date' },
      {
        name: 'body weight',
        description: 'Your body weight, one entry per local date, in your unit and kept exactly as typed',
      },
      {
        name: 'imports',
        description:
          'CSV exports from Strong, Hevy, FitNotes or LiftLog: upload (read, nothing written), preview, confirm (one transaction)',
      },
      {
        name: 'progress',
        description:
          'Analytics from stats-service, proxied; stale: true marks a fallback when stats is unavailable, 503 + Retry-After when there is none',
      },
    ],
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description:
          'A personal API token from Settings → API tokens (or POST /api/v1/tokens), sent as Authorization: Bearer <token>.',
      },
      cookieAuth: {
        type: 'apiKey',
        in: 'cookie',
        name: 'liftlog.sid',
        description:
          'The browser session. Writes with the cookie also need the header x-csrf-token (from <meta name="csrf-token">).',
      },
    },
  })
  await fastify.register(metrics, { service: 'core' })
  await fastify.register(prisma, { databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })
  await fastify.register(redis, { url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX })
  await fastify.register(statsClient, { config })
  // Accounts & security, in dependency order: session → who is calling → headers/CSRF → pages → limits.
  await fastify.register(fastifyFormbody)
  await fastify.register(session, {
    secret: config.SECRET_KEY,
    idleMinutes: config.SESSION_IDLE_MINUTES,
  })
  await fastify.register(authentication)
  await fastify.register(i18n)
  await fastify.register(security)
  await fastify.register(inputGuard)
  await fastify.register(views)
  await fastify.register(rateLimit)

  await fastify.register(healthRoutes, {
    checks: {
      database: () => fastify.prisma.$queryRaw`SELECT 1`,
      ...(fastify.redis ? { redis: () => fastify.redis!.ping() } : {}),
    },
  })

  // Public routes sit directly in their audience scope; everything else inside `signedIn`, where handlers
  // reach the lifter's data only through request.lifter (lifter.ts).
  await fastify.register(
    audienceScope('page', async (pages) => {
      // Guests and lifters alike: the start page, register / sign in / sign out, the counting rules.
      await pages.register(homeRoutes)
      await pages.register(accountRoutes)
      await pages.register(countingRoutes)
      await pages.register(
        signedIn(async (lifters) => {
          lifters.addHook('preHandler', liveBanner)
          await lifters.register(settingsRoutes)
          await lifters.register(exercisePages)
          await lifters.register(liveWorkoutPages)
          await lifters.register(routinePages)
          await lifters.register(workoutPages)
          // Days shaded by training load from stats when it answers; plain marks from core's data otherwise.
          await lifters.register(calendarRoutes, { dayLoad: calendarDayLoad(fastify.statsClient) })
          await lifters.register(progressRoutes)
          await lifters.register(relativeStrengthRoutes)
          await lifters.register(bodyWeightPages)
          await lifters.register(importPages)
        }),
      )
    }),
  )
  await fastify.register(
    audienceScope('api', async (api) => {
      await api.register(
        signedIn(async (lifters) => {
          await lifters.register(meRoutes)
          await lifters.register(apiTokenRoutes)
          await lifters.register(exerciseApi)
          await lifters.register(workoutApi)
          await lifters.register(liveWorkoutApi)
          await lifters.register(routinesApi)
          await lifters.register(calendarApi)
          await lifters.register(statsApiRoutes)
          await lifters.register(bodyWeightApi)
          await lifters.register(importApi)
        }),
      )
    }),
  )
  await fastify.register(apiNotFound, { prefix: '/api' })
  // On the operator server, not the public one.
  await fastify.register(resilienceRoutes)
}
