// The account forms mapped to their bodies, one step each: register and sign in (pages only), and the
// settings page's forms to the JSON API's bodies (UpdateMeBody, ChangePasswordBody, DeleteMeBody,
// CreateTokenBody), which the same schemas then check.
import type { Credentials } from './schemas.ts'

export type AccountFormValues = Readonly<Record<string, string | undefined>>

/** The named fields the form sent (a field it did not send is missing, not empty). */
function sent<const K extends string>(values: AccountFormValues, names: readonly K[]) {
  const out: Partial<Record<K, string>> = {}
  for (const name of names) if (values[name] !== undefined) out[name] = values[name]
  return out
}

export function registrationBody(values: AccountFormValues) {
  return sent(values, ['username', 'password', 'displayName', 'timeZone', 'unit'])
}

export function credentialsBody(values: AccountFormValues): Credentials {
  return {
    username: values.username?.trim() ?? '',
    password: values.password ?? '',
    ...sent(values, ['next']),
  }
}

export function settingsBody(values: AccountFormValues) {
  return sent(values, ['displayName', 'timeZone', 'unit', 'language'])
}

export function passwordBody(values: AccountFormValues) {
  return sent(values, ['currentPassword', 'newPassword'])
}

export function deleteAccountBody(values: AccountFormValues) {
  return sent(values, ['password'])
}

export function tokenBody(values: AccountFormValues) {
  return { name: values.name?.trim() ?? '' }
}
