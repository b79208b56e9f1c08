// Personal API tokens: random, shown once, stored as sha256; resolved to their user on every API call.
import { createHash, randomBytes } from 'node:crypto'
import { NotFound } from '../errors.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import type { CurrentUser } from './current-user.ts'

const TOKEN_PREFIX = 'llt_'
// last_used_at is for humans ("used 3 days ago"); writing it on every call would turn reads into writes.
const LAST_USED_RESOLUTION_MS = 60_000

export interface ApiTokenView {
  id: string
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
}

const tokenViewSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true } as const

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export async function createApiToken(prisma: PrismaClient, userId: string, name: string) {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url')
  const row = await prisma.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 12) },
    select: tokenViewSelect,
  })
  return { ...row, token }
}

export function listApiTokens(prisma: PrismaClient, userId: string): Promise<ApiTokenView[]> {
  return prisma.apiToken.findMany({
    where: { userId },
    select: tokenViewSelect,
    orderBy: { createdAt: 'desc' },
  })
}

/** Revokes one of this user's tokens; someone else's (or an unknown) id is a 404, never a leak. */
export async function revokeApiToken(prisma: PrismaClient, userId: string, tokenId: string): Promise<void> {
  const { count } = await prisma.apiToken.deleteMany({ where: { id: tokenId, userId } })
  if (count === 0) throw new NotFound('API token')
}

/** The user a bearer token belongs to, or null when it is unknown or revoked. */
export async function resolveApiToken(prisma: PrismaClient, token: string): Promise<CurrentUser | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null
  // Every API call runs this: one round trip with a join (Prisma would issue two queries for the relation).
  const [row] = await prisma.$queryRaw<TokenOwnerRow[]>`
    SELECT t.id::text AS "tokenId", t.last_used_at AS "lastUsedAt", u.id::text AS id, u.username::text AS username,
           u.display_name AS "displayName", u.time_zone AS "timeZone", u.unit::text AS unit,
           u.language
    FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${hashToken(token)}`
  if (!row) return null
  const now = Date.now()
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.updateMany({ where: { id: row.tokenId }, data: { lastUsedAt: new Date(now) } })
  }
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    timeZone: row.timeZone,
    unit: row.unit,
    language: row.language,
  }
}

interface TokenOwnerRow extends CurrentUser {
  tokenId: string
  lastUsedAt: Date | null
}

/** A signed-in lifter's own API tokens (request.lifter.apiTokens). */
export function apiTokenStore(prisma: PrismaClient, userId: string) {
  return {
    list: () => listApiTokens(prisma, userId),
    create: (name: string) => createApiToken(prisma, userId, name),
    revoke: (tokenId: string) => revokeApiToken(prisma, userId, tokenId),
  }
}

/** A token as the JSON API answers it: dates as ISO 8601 strings. */
export function apiTokenJson(token: ApiTokenView) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  }
}

/** A token just created, with its secret (shown this once); it has never been used. */
export function createdApiTokenJson(created: ApiTokenView & { token: string }) {
  return { ...apiTokenJson(created), lastUsedAt: null, token: created.token }
}
