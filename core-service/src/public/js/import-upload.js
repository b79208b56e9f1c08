// Upload progress on the import page: sends the form with XMLHttpRequest (fetch reports no upload
// progress), shows how much is sent, then "Reading file…" while the server reads it, and goes to the
// preview the server redirected to. Without this script the plain form posts the same thing.
;(() => {
  const form = document.getElementById('import-form')
  const box = document.getElementById('import-progress')
  const bar = document.getElementById('import-progress-bar')
  const text = document.getElementById('import-progress-text')
  if (!form || !box || !bar || !text || typeof FormData === 'undefined') return
  const token = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''
  const button = form.querySelector('button[type="submit"]')
  // The page's words, in its language (data-uploading="Uploading… {p}%" on the form).
  const words = (name) => form.getAttribute(`data-${name}`) ?? ''

  const show = (message, percent) => {
    box.hidden = false
    text.textContent = message
    if (percent === null) bar.removeAttribute('value')
    else bar.value = percent
  }

  form.addEventListener('submit', (event) => {
    const file = form.elements.namedItem('file')
    if (!(file instanceof HTMLInputElement) || !file.files || file.files.length === 0) return // the server says what is missing
    event.preventDefault()
    const xhr = new XMLHttpRequest()
    xhr.open('POST', form.action)
    xhr.setRequestHeader('x-csrf-token', token)
    xhr.setRequestHeader('accept', 'text/html')
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable)
        show(
          words('uploading').replace('{p}', String(Math.round((e.loaded / e.total) * 100))),
          (e.loaded / e.total) * 100,
        )
    })
    xhr.upload.addEventListener('load', () => show(words('reading'), null))
    xhr.addEventListener('load', () => {
      // Redirected to the preview: open it. Anything else is the form again with its message.
      if (xhr.status === 200 && /\/import\/[^/?#]+$/.test(new URL(xhr.responseURL).pathname)) {
        window.location.assign(xhr.responseURL)
        return
      }
      const page = new DOMParser().parseFromString(xhr.responseText, 'text/html')
      const message = page.querySelector('.field-error, .error-message, main p')?.textContent
      show(message?.trim() || words('failed').replace('{s}', String(xhr.status)), 0)
      if (button) button.disabled = false
    })
    xhr.addEventListener('error', () => {
      show(words('unreachable'), 0)
      if (button) button.disabled = false
    })
    if (button) button.disabled = true
    show(words('uploading').replace('{p}', '0'), 0)
    xhr.send(new FormData(form))
  })
})()
