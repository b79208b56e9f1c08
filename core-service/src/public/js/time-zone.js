// Preselects the browser's time zone on forms with <select data-browser-time-zone>, unless the person
// (or the server, re-rendering their input) already chose something other than the UTC default.
;(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (!zone) return
  for (const select of document.querySelectorAll('select[data-browser-time-zone]')) {
    if (select.value !== 'UTC') continue
    const option = Array.from(select.options).find((o) => o.value === zone)
    if (option) select.value = zone
  }
})()
