// Workout form, progressively enhanced: the add/move/remove set buttons work in place instead of
// posting the form back. Without this script the same buttons round-trip to the server, which
// rearranges the rows and shows the form again, so nothing here is required.
;(() => {
  const form = document.querySelector('[data-workout-form]')
  const list = form?.querySelector('[data-set-list]')
  if (!form || !list) return

  const rows = () => Array.from(list.querySelectorAll('[data-set-row]'))

  // Field names, ids and labels follow the row's position so the server reads the sets in order.
  function renumber() {
    const all = rows()
    all.forEach((row, i) => {
      const number = row.querySelector('[data-set-number]')
      if (number) number.textContent = String(i + 1)
      for (const input of row.querySelectorAll('[data-field]')) {
        const field = input.getAttribute('data-field')
        input.name = `sets[${i}][${field}]`
        input.id = `set-${i}-${field}`
      }
      for (const label of row.querySelectorAll('label[for]')) {
        label.htmlFor = label.htmlFor.replace(/^set-\d+-/, `set-${i}-`)
      }
      for (const button of row.querySelectorAll('[data-row-action]')) {
        const action = button.getAttribute('data-row-action')
        button.value = `${action}:${i}`
        // The page's words for the button, from the form (data-label-up="Move set {n} up", in its language).
        const words = form.getAttribute(`data-label-${action}`) ?? `${action} set {n}`
        button.setAttribute('aria-label', words.replace('{n}', String(i + 1)))
        if (action === 'up') button.disabled = i === 0
        if (action === 'down') button.disabled = i === all.length - 1
      }
    })
  }

  function clearRow(row) {
    row.classList.remove('is-warmup')
    for (const el of row.querySelectorAll('.field-error')) el.remove()
    for (const el of row.querySelectorAll('.has-error')) el.classList.remove('has-error')
    for (const input of row.querySelectorAll('[data-field]')) {
      input.removeAttribute('aria-invalid')
      input.removeAttribute('aria-describedby')
      if (input.type === 'checkbox') input.checked = false
      else if (input.tagName !== 'SELECT') input.value = ''
    }
    // A copied row is typed in the lifter's unit, whatever unit the row it came from was logged in.
    for (const label of row.querySelectorAll('[data-unit-label]')) {
      label.textContent = label.getAttribute('data-default-unit')
    }
  }

  const field = (row, name) => row.querySelector(`[data-field="${name}"]`)

  /** The last row with reps or a weight typed in: the set a new one continues from. */
  function lastTyped() {
    return rows()
      .reverse()
      .find((row) => field(row, 'reps')?.value || field(row, 'weight')?.value)
  }

  // "+ Add set": a new set right after the last one typed, with its exercise, reps and weight (and the
  // unit it was typed in), so a lifter repeating a set only confirms it; RPE and warm-up start empty.
  function addRow() {
    const source = lastTyped() ?? rows().at(-1)
    if (!source) return
    const copy = source.cloneNode(true)
    clearRow(copy)
    for (const name of ['exerciseId', 'reps', 'weight', 'unit']) {
      const from = field(source, name)
      const to = field(copy, name)
      if (from && to) to.value = from.value
    }
    const unitLabel = source.querySelector('[data-unit-label]')?.textContent
    for (const label of copy.querySelectorAll('[data-unit-label]')) label.textContent = unitLabel ?? ''
    source.after(copy)
    renumber()
    field(copy, 'reps')?.focus()
  }

  // Enter (a phone's "Go"/"Next" key) in a field moves to the next field instead of submitting: the
  // workout is saved only by its Save button.
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return
    const target = event.target
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return
    event.preventDefault()
    const fields = Array.from(
      form.querySelectorAll('input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea'),
    ).filter((el) => el.offsetParent !== null)
    fields[fields.indexOf(target) + 1]?.focus()
  })

  form.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null
    if (!target) return
    if (target.hasAttribute('data-add-set')) {
      event.preventDefault()
      addRow()
      return
    }
    const action = target.getAttribute('data-row-action')
    if (!action) return
    event.preventDefault()
    const row = target.closest('[data-set-row]')
    if (!row) return
    if (action === 'remove') {
      if (rows().length === 1) clearRow(row)
      else {
        const next = row.nextElementSibling ?? row.previousElementSibling
        row.remove()
        next?.querySelector('[data-row-action="remove"]')?.focus()
      }
    } else if (action === 'up' && row.previousElementSibling) {
      list.insertBefore(row, row.previousElementSibling)
    } else if (action === 'down' && row.nextElementSibling) {
      list.insertBefore(row.nextElementSibling, row)
    }
    renumber()
    if (action !== 'remove') target.focus()
  })

  // Warm-up rows look different; keep that in step with the checkbox.
  form.addEventListener('change', (event) => {
    const input = event.target
    if (input instanceof HTMLInputElement && input.getAttribute('data-field') === 'warmup') {
      input.closest('[data-set-row]')?.classList.toggle('is-warmup', input.checked)
    }
  })
})()
