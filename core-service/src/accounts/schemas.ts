// Request and response schemas for accounts, shared by the form routes and the JSON API.
import Type, { type Static } from 'typebox'
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts'

// Same rule as the database CHECK on users.username.
export const Username = Type.String({
  pattern: '^[A-Za-z0-9_.-]{3,32}$',
  minLength: 3,
  maxLength: 32,
  description: '3–32 letters, digits, underscore, dot or hyphen; case-insensitive (Alice = alice)',
  examples: ['alice'],
})
export const Password = Type.String({
  minLength: PASSWORD_MIN,
  maxLength: PASSWORD_MAX,
  description: `${PASSWORD_MIN}–${PASSWORD_MAX} characters`,
})
export const DisplayName = Type.String({
  maxLength: 80,
  description: 'shown in the app; up to 80 characters',
  examples: ['Alice'],
})
export const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone; days, weeks and months are counted in it',
  examples: ['Europe/Ljubljana'],
})
export const Unit = Type.Union([Type.Literal('kg'), Type.Literal('lb')], {
  description: 'unit weights are shown and entered in',
})

/** Friendly wording for form fields, replacing ajv's (see fieldErrors in src/forms.ts). */
export const accountFieldMessages = {
  username: 'use 3–32 letters, digits, underscore, dot or hyphen',
  password: `use ${PASSWORD_MIN}–${PASSWORD_MAX} characters`,
  newPassword: `use ${PASSWORD_MIN}–${PASSWORD_MAX} characters`,
  displayName: 'use up to 80 characters',
  timeZone: 'choose a time zone from the list',
  unit: 'choose kg or lb',
}

export const RegisterForm = Type.Object({
  username: Username,
  password: Password,
  displayName: Type.Optional(DisplayName),
  timeZone: TimeZone,
  unit: Unit,
  _csrf: Type.Optional(Type.String()),
})
export type RegisterForm = Static<typeof RegisterForm>

export const LoginForm = Type.Object({
  // Deliberately loose: a malformed username is simply "wrong username or password".
  username: Type.String({ maxLength: 200 }),
  password: Type.String({ maxLength: 1000 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String()),
})
export type LoginForm = Static<typeof LoginForm>

export const SettingsForm = Type.Object({
  displayName: DisplayName,
  timeZone: TimeZone,
  unit: Unit,
  _csrf: Type.Optional(Type.String()),
})

export const PasswordForm = Type.Object({
  currentPassword: Type.String({ maxLength: 1000 }),
  newPassword: Password,
  _csrf: Type.Optional(Type.String()),
})

export const DeleteAccountForm = Type.Object({
  password: Type.String({ maxLength: 1000 }),
  _csrf: Type.Optional(Type.String()),
})

export const TokenName = Type.String({
  minLength: 1,
  maxLength: 80,
  description: 'what the token is for, e.g. "export script"',
  examples: ['export script'],
})
export const CreateTokenForm = Type.Object({ name: TokenName, _csrf: Type.Optional(Type.String()) })

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
  { displayName: Type.Optional(DisplayName), timeZone: Type.Optional(TimeZone), unit: Type.Optional(Unit) },
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
export const TokenParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'token id' }) })
