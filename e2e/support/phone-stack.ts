// The frame every browser test file shares: the app stack (support/stack.ts) and one phone page
// (support/browser.ts), started before the file's tests and closed after them.
import t from 'tap'
import { openPhonePage, type PhonePage, type PhonePageOptions } from './browser.ts'
import { type Stack, type StackOptions, startStack } from './stack.ts'

export interface PhoneStack extends PhonePage {
  stack: Stack
}

/** Filled in by tap's `before`: read its fields inside tests (and the helpers they call), not at load. */
export function phoneStack(stackOptions: StackOptions, pageOptions: PhonePageOptions): PhoneStack {
  const app = {} as PhoneStack
  t.before(async () => {
    app.stack = await startStack(stackOptions)
    Object.assign(app, await openPhonePage(pageOptions))
  })
  t.teardown(async () => {
    await app.browser?.close()
    await app.stack?.stop()
  })
  return app
}
