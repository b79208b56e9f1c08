// Request and response schemas for accounts: the JSON API's, which the settings forms map to, and the
// registration and sign-in pages' own. Each field's wording for people is declared here, once.
import Type, { type Static } from 'typebox'
import { idParams } from '../id-params.ts'
import { withMessage } from '../validation.ts'
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts'

// Same rule as the database CHECK on users.username.
export const Username = withMessage(
  Type.String({
    pattern: '^[A-Za-z0-9_.-]{3,32}$',
    minLength: 3,
    maxLength: 32,
    description: '3–32 letters, digits, underscore, dot or hyphen; case-insensitive (Alice = alice)',
    examples: ['alice'],
  }),
  'use 3–32 letters, digits, underscore, dot or hyphen',
)
export const Password = withMessage(
  Type.String({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description: `${PASSWORD_MIN}–${PASSWORD_MAX} characters`,
  }),
  `use ${PASSWORD_MIN}–${PASSWORD_MAX} characters`,
)
/** A password typed to confirm who you are: checked against the hash, so only bounded here. */
const CurrentPassword = Type.String({ maxLength: 1000, description: 'your current password, to confirm' })
export const DisplayName = withMessage(
  Type.String({
    maxLength: 80,
    description: 'shown in the app; up to 80 characters',
    examples: ['Alice'],
  }),
  'use up to 80 characters',
)
export const TimeZone = withMessage(
  Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'IANA time zone; days, weeks and months are counted in it',
    examples: ['Europe/Ljubljana'],
  }),
  'choose a time zone from the list',
)
export const Unit = withMessage(
  Type.Union([Type.Literal('kg'), Type.Literal('lb')], {
    description: 'unit weights are shown and entered in',
  }),
  'choose kg or lb',
)
/** The pages' language; the JSON API itself always answers in English (ARCHITECTURE.md, "Languages"). */
export const Language = withMessage(
  Type.Union([Type.Literal('auto'), Type.Literal('en'), Type.Literal('sl')], {
    description: "language of the pages: 'en', 'sl', or 'auto' to follow the browser's Accept-Language",
  }),
  'choose a language from the list',
)

/** A new account (the registration page; accounts.register). */
export const Registration = Type.Object(
  {
    username: Username,
    password: Password,
    displayName: Type.Optional(DisplayName),
    timeZone: TimeZone,
    unit: Unit,
  },
  { additionalProperties: false },
)
export type Registration = Static<typeof Registration>

/** A sign-in. Deliberately loose: a malformed username is simply "wrong username or password". */
export const Credentials = Type.Object(
  {
    username: Type.String({ maxLength: 200 }),
    password: Type.String({ maxLength: 1000 }),
    next: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export type Credentials = Static<typeof Credentials>

export const ChangePasswordBody = Type.Object(
  { currentPassword: CurrentPassword, newPassword: Password },
  {
    additionalProperties: false,
    examples: [{ currentPassword: 'my old passphrase', newPassword: 'a new long passphrase' }],
  },
)
export const DeleteMeBody = Type.Object({ password: CurrentPassword }, { additionalProperties: false })

export const TokenName = withMessage(
  Type.String({
    minLength: 1,
    maxLength: 80,
    pattern: '\\S',
    description: 'what the token is for, e.g. "export script"',
    examples: ['export script'],
  }),
  { maxLength: 'use at most 80 characters', '*': 'give the token a name' },
)

// JSON API shapes
export const Me = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: Type.String(),
    timeZone: Type.String(),
    unit: Unit,
  },
  { description: 'The signed-in lifter' },
)
export const UpdateMeBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    timeZone: Type.Optional(TimeZone),
    unit: Type.Optional(Unit),
    language: Type.Optional(Language),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Fields to change; omitted fields stay as they are',
    examples: [{ timeZone: 'Europe/Ljubljana', unit: 'kg' }],
  },
)
export type UpdateMeBody = Static<typeof UpdateMeBody>

export const ApiTokenSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    prefix: Type.String({ description: 'first characters of the token, to tell tokens apart' }),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'to the minute',
    }),
  },
  { description: 'A personal API token (never its secret)' },
)
export const CreatedApiToken = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    prefix: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Null(),
    token: Type.String({
      description: 'the secret; shown only in this response, send it as Authorization: Bearer <token>',
    }),
  },
  { description: 'The new token, including its secret (shown once)' },
)
export const CreateTokenBody = Type.Object(
  { name: TokenName },
  { additionalProperties: false, examples: [{ name: 'export script' }] },
)
export const TokenParams = idParams('token id')
