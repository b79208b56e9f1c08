// Live workout page, progressively enhanced. Without this script every button is a small form post that
// comes back to the same exercise (the server's post/redirect/get). With it, the same changes go to the
// JSON API (/api/v1/live-workouts) as small requests and the page section is refreshed in place: a tick
// is saved the moment it is pressed, focus stays where the lifter is, and a rest timer starts. Enter moves
// to the next field and never submits.
;(() => {
  const root = document.querySelector('[data-live-workout]')
  if (!root) return
  const workoutId = root.getAttribute('data-id')
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''
  // The page's words for what the script says, in its language (data-label-error="Not saved — {message}").
  const words = (name, fallback, values = {}) =>
    (root.getAttribute(`data-label-${name}`) ?? fallback).replace(/\{(\w+)\}/g, (_, key) => values[key] ?? '')

  // A refusal of the JSON API (English) in the page's language, when the page gives the words for it
  // (data-refusals: field names and form-error patterns); an English page shows the API's message.
  const refusals = JSON.parse(root.getAttribute('data-refusals') ?? 'null')
  function refusal(data) {
    if (!refusals || !data) return data?.message
    const local = (message) => {
      for (const [source, words] of refusals.patterns) {
        const match = new RegExp(source).exec(message ?? '')
        if (match) return words.replace(/\{(\d+)\}/g, (_, i) => match[Number(i)] ?? '')
      }
      return null
    }
    const [field, message] = Object.entries(data.fields ?? {})[0] ?? []
    const worded = field ? local(message) : null
    if (worded) return `${refusals.fields[field] ?? field}: ${worded}`
    return local(data.message) ?? refusals.fallback
  }

  // Requests go one after another, in the order they were made: a field's change (sent when it loses
  // focus) is saved before the tick pressed next, which may take that row's values.
  let queue = Promise.resolve()
  function api(method, path, body) {
    const request = queue.then(() => send(method, path, body))
    queue = request.catch(() => {})
    return request
  }

  async function send(method, path, body) {
    const res = await fetch(`/api/v1/live-workouts/${workoutId}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const data = res.status === 204 ? null : await res.json().catch(() => null)
    if (!res.ok)
      throw new Error(
        refusal(data) ?? words('status', 'the server answered {status}', { status: res.status }),
      )
    return data
  }

  function showError(message) {
    const box = root.querySelector('[data-live-error]')
    if (!box) return
    box.textContent = message ? words('error', 'Not saved — {message}', { message }) : ''
    box.hidden = !message
  }

  // The server renders the page; after a change, its section is fetched again and swapped in, so the
  // script never has to know how a row looks. The picker's typed search is kept.
  async function refresh() {
    const res = await fetch('/workouts/live', { headers: { accept: 'text/html' } })
    const html = await res.text()
    const fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-live-workout]')
    if (!fresh) {
      window.location.assign('/workouts/live')
      return
    }
    root.innerHTML = fresh.innerHTML
    filterPicker()
  }

  // Text as a number for the API, or as it is (the schema then says what is wrong): "102,5" is 102.5.
  function numberOf(text) {
    const t = text.trim().replace(',', '.')
    return /^\d{1,7}(?:\.\d{1,6})?$/.test(t) ? Number(t) : text
  }

  function rowValues(form) {
    const body = {}
    const reps = form.querySelector('[data-field="reps"]')?.value.trim() ?? ''
    const weight = form.querySelector('[data-field="weight"]')?.value.trim() ?? ''
    if (reps !== '') body.reps = numberOf(reps)
    if (weight !== '') body.weight = numberOf(weight)
    return body
  }

  const rowIdOf = (form) => form.closest('[data-row]')?.getAttribute('data-row')
  const entryIdOf = (form) => form.closest('[data-entry]')?.getAttribute('data-entry')

  function focusLater(selector) {
    const el = root.querySelector(selector)
    if (el) {
      el.focus()
      el.scrollIntoView({ block: 'nearest' })
    }
  }

  /** One change: the request, then the fresh section, then focus where the lifter continues. */
  async function run(request, afterSelector) {
    // Marks the section as changing until its fresh copy is in (tests and styles can wait for it).
    root.setAttribute('data-busy', '')
    try {
      await request()
      showError('')
      await refresh()
      if (typeof afterSelector === 'function') afterSelector = afterSelector()
      if (afterSelector) focusLater(afterSelector)
      return true
    } catch (error) {
      await refresh().catch(() => {})
      showError(error instanceof Error ? error.message : String(error))
      return false
    } finally {
      root.removeAttribute('data-busy')
    }
  }

  root.addEventListener('submit', (event) => {
    const form = event.target
    if (!(form instanceof HTMLFormElement)) return
    const action = form.getAttribute('action') ?? ''
    if (form.hasAttribute('data-row-form')) {
      event.preventDefault()
      const rowId = rowIdOf(form)
      const button = event.submitter
      const verb = button?.value ?? 'keep'
      if (verb === 'remove') {
        const entryId = entryIdOf(form)
        run(() => api('DELETE', `/rows/${rowId}`), `[data-entry="${entryId}"] [data-add-row]`)
        return
      }
      const body = rowValues(form)
      if (verb === 'done') body.done = true
      if (verb === 'undo') body.done = false
      // Shown at once; the refresh after the answer confirms it (or puts it back, with the reason).
      if (verb === 'done' || verb === 'undo')
        form.closest('[data-row]')?.classList.toggle('is-done', verb === 'done')
      run(() => api('PATCH', `/rows/${rowId}`, body), `[data-row="${rowId}"] [data-tick]`).then((ok) => {
        if (ok && verb === 'done') restTimer.start()
      })
      return
    }
    if (!form.hasAttribute('data-live-form')) return
    const entry = /\/entries\/([0-9a-f-]{36})\/(rows|copy-last)$/.exec(action)
    if (entry) {
      event.preventDefault()
      const [, entryId, what] = entry
      if (what === 'rows') {
        run(
          () => api('POST', `/exercises/${entryId}/rows`, {}),
          `[data-entry="${entryId}"] [data-row]:last-child [data-field="reps"]`,
        )
      } else {
        run(() => api('POST', `/exercises/${entryId}/copy-last`), `[data-entry="${entryId}"] [data-tick]`)
      }
      return
    }
    if (/\/exercises$/.test(action)) {
      event.preventDefault()
      const exerciseId = form.querySelector('input[name="exerciseId"]')?.value
      const search = root.querySelector('[data-picker-search]')
      if (search) search.value = ''
      run(
        () => api('POST', '/exercises', { exerciseId, copyLast: true }),
        () => {
          // The new exercise is the last one: continue at its first row still to do.
          const entries = root.querySelectorAll('[data-entry]')
          const last = entries[entries.length - 1]
          const id = last?.getAttribute('data-entry')
          const firstRow = last?.querySelector('[data-row]')
          const reps = firstRow?.querySelector('[data-field="reps"]')
          return reps && reps.value === ''
            ? `[data-entry="${id}"] [data-field="reps"]`
            : `[data-entry="${id}"] [data-tick]`
        },
      )
    }
  })

  // Typed values of a row are kept as they are typed (a planned row survives a reload, a ticked one's set
  // changes), without waiting for a tick.
  root.addEventListener('change', (event) => {
    const input = event.target
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-field')) return
    const form = input.form
    if (!form?.hasAttribute('data-row-form')) return
    api('PATCH', `/rows/${rowIdOf(form)}`, rowValues(form)).then(
      () => showError(''),
      (error) => showError(error.message),
    )
  })

  // While a row is typed, the empty planned rows after it show its values as placeholders (what their
  // tick will save, as the server renders them), up to the next row with reps of its own.
  root.addEventListener('input', (event) => {
    const input = event.target
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-field')) return
    const row = input.closest('[data-row]')
    const reps = row?.querySelector('[data-field="reps"]')?.value.trim() ?? ''
    const weight = row?.querySelector('[data-field="weight"]')?.value.trim() ?? ''
    if (!row || reps === '') return
    for (let next = row.nextElementSibling; next; next = next.nextElementSibling) {
      const nextReps = next.querySelector('[data-field="reps"]')
      // A ticked row always has its reps: the rows after it take its values, not these.
      if (nextReps?.value.trim() !== '') break
      nextReps.placeholder = reps
      const nextWeight = next.querySelector('[data-field="weight"]')
      if (nextWeight && weight !== '') nextWeight.placeholder = weight
    }
  })

  // Enter (a phone's "Next"/"Go") moves to the next field; it never submits. In the exercise search it
  // moves to the first matching exercise.
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return
    const target = event.target
    if (!(target instanceof HTMLInputElement)) return
    event.preventDefault()
    if (target.hasAttribute('data-picker-search')) {
      root.querySelector('[data-picker-results] li:not([hidden]) button')?.focus()
      return
    }
    const fields = Array.from(root.querySelectorAll('input[data-field], [data-tick]')).filter(
      (el) => el.offsetParent !== null,
    )
    fields[fields.indexOf(target) + 1]?.focus()
  })

  // The picker's type-ahead: the same folding as the server's search (exercises/search-key.ts).
  const keyOf = (text) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '')

  function filterPicker() {
    const search = root.querySelector('[data-picker-search]')
    if (!search) return
    // With type-ahead the search button is not needed (the list filters as you type); it is hidden again
    // after every refresh of the section.
    for (const button of root.querySelectorAll('[data-picker-submit]')) button.hidden = true
    const wanted = keyOf(search.value)
    let shown = 0
    for (const li of root.querySelectorAll('[data-picker-results] li[data-key]')) {
      const match = !wanted || li.getAttribute('data-key').includes(wanted)
      li.hidden = !match
      if (match) shown++
    }
    const empty = root.querySelector('[data-picker-empty]')
    if (empty) empty.hidden = shown > 0
    const create = root.querySelector('.picker-new')
    if (create && shown === 0) {
      create.open = true
      const name = create.querySelector('[data-new-name]')
      if (name) name.value = search.value
    }
  }
  filterPicker()
  root.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.hasAttribute('data-picker-search'))
      filterPicker()
  })

  // Rest timer: starts when a set is ticked (90 s), ±15 s, vibrates at the end where the browser can.
  const restTimer = (() => {
    const box = document.querySelector('[data-rest-timer]')
    const time = box?.querySelector('[data-rest-time]')
    const announce = box?.querySelector('[data-rest-announce]')
    let endsAt = 0
    let ticker = 0
    const DEFAULT_SECONDS = 90
    const show = () => {
      const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000))
      if (time) time.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
      if (left === 0 && !box.classList.contains('is-over')) {
        box.classList.add('is-over')
        if (announce) announce.textContent = box.getAttribute('data-label-over') ?? 'Rest over'
        navigator.vibrate?.([200, 100, 200])
        clearInterval(ticker)
      }
    }
    const stop = () => {
      clearInterval(ticker)
      if (box) box.hidden = true
    }
    box?.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null
      if (!button) return
      if (button.hasAttribute('data-rest-skip')) return stop()
      const delta = Number(button.getAttribute('data-rest-adjust'))
      if (delta) {
        endsAt = Math.max(Date.now(), endsAt + delta * 1000)
        if (delta > 0 && box.classList.contains('is-over')) {
          box.classList.remove('is-over')
          clearInterval(ticker)
          ticker = setInterval(show, 250)
        }
        show()
      }
    })
    return {
      start(seconds = DEFAULT_SECONDS) {
        if (!box) return
        endsAt = Date.now() + seconds * 1000
        box.hidden = false
        box.classList.remove('is-over')
        if (announce) announce.textContent = ''
        clearInterval(ticker)
        ticker = setInterval(show, 250)
        show()
      },
    }
  })()
})()
