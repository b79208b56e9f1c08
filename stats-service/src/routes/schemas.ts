// What the /v1 routes add to the contract's schemas (@liftlog/stats-contract) in /apidocs: the tag and the
// error answers every route shares.
import Type from 'typebox'

export const ErrorRef = Type.Ref('ErrorResponse')

export const errorResponses = {
  400: { ...ErrorRef, description: 'a parameter is invalid; the message says which and why' },
  401: { ...ErrorRef, description: 'x-internal-token is missing or wrong' },
}

export const TAG_STATS = 'stats'
