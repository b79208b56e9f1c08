// Preselects the browser's time zone on a fresh form's <select data-browser-time-zone> (the server leaves
// the attribute off when it re-renders a form with the zone the person already chose).
;(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (!zone) return
  for (const select of document.querySelectorAll('select[data-browser-time-zone]')) {
    const option = Array.from(select.options).find((o) => o.value === zone)
    if (option) select.value = zone
  }
})()
