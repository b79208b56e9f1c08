// Body weight under /api/v1/body-weights: list, read, create-or-replace and delete the entry of one date. Registered
// inside audienceScope('api') + signedIn, so every handler reads request.lifter. The page is ./pages.ts.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { authErrors, errorResponse, apiSecurity as security, writeErrors } from '../../api-errors.ts'
import { LIMITS } from '../../body-weight/input.ts'
import { bodyWeightJson } from '../../body-weight/json.ts'
import {
  BodyWeightBody,
  BodyWeightList,
  BodyWeightListQuery,
  BodyWeightOut,
  BodyWeightParams,
} from '../../body-weight/schemas.ts'
import { NotFound, ValidationFailed } from '../../errors.ts'

const tags = ['body weight']

export default async function bodyWeightApi(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  fastify.get(
    '/api/v1/body-weights',
    {
      schema: {
        tags,
        security,
        summary: 'List your body-weight entries',
        description:
          'Newest first; `from` and `to` (your local dates, inclusive) narrow it. Weights are in your unit, exactly as typed when typed in it.',
        querystring: BodyWeightListQuery,
        response: {
          200: { ...BodyWeightList, description: 'your entries' },
          400: errorResponse('a malformed date, or from after to'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { from, to } = request.query
      if (from && to && from > to) throw new ValidationFailed(`from (${from}) is after to (${to}); swap them`)
      const { user, bodyWeight } = request.lifter
      const items = await bodyWeight.list({ from, to })
      return { unit: user.unit, items: items.map((e) => bodyWeightJson(e, user.unit)) }
    },
  )

  fastify.get(
    '/api/v1/body-weights/:date',
    {
      schema: {
        tags,
        security,
        summary: 'Your body weight of one date',
        params: BodyWeightParams,
        response: {
          200: { ...BodyWeightOut, description: 'the entry' },
          400: errorResponse('a malformed date'),
          404: errorResponse('you have no entry on that date'),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { user, bodyWeight } = request.lifter
      const entry = await bodyWeight.find(request.params.date)
      if (!entry) throw new NotFound('body weight')
      return bodyWeightJson(entry, user.unit)
    },
  )

  fastify.put(
    '/api/v1/body-weights/:date',
    {
      schema: {
        tags,
        security,
        summary: 'Log or replace the body weight of a date',
        description: `One entry per local date: a second PUT of the same date replaces its weight and note. The weight is in your profile unit (${LIMITS.minKg}–${LIMITS.maxKg} kg or the same in lb, at most two decimals) and kept exactly as typed. The date may not be after your today, in your time zone. Stats (the trend on /body-weight) see the change at once.`,
        params: BodyWeightParams,
        body: BodyWeightBody,
        response: {
          200: { ...BodyWeightOut, description: 'the entry that replaced the one of that date' },
          201: { ...BodyWeightOut, description: 'the new entry' },
          400: errorResponse(
            'invalid entry, e.g. "weight: must be a number from 20 to 500 kg" or "date: cannot be after today"',
          ),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const { user, bodyWeight } = request.lifter
      const { entry, replaced } = await bodyWeight.save({ date: request.params.date, ...request.body })
      if (!replaced) reply.code(201).header('location', `/api/v1/body-weights/${entry.date}`)
      return bodyWeightJson(entry, user.unit)
    },
  )

  fastify.delete(
    '/api/v1/body-weights/:date',
    {
      schema: {
        tags,
        security,
        summary: 'Delete the body weight of a date',
        params: BodyWeightParams,
        response: {
          204: { description: 'deleted', type: 'null' },
          400: errorResponse('a malformed date'),
          404: errorResponse('you have no entry on that date'),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      if (!(await request.lifter.bodyWeight.delete(request.params.date))) throw new NotFound('body weight')
      return reply.code(204).send(null)
    },
  )
}
