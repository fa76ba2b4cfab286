// A refused form's summary of problems takes the focus, so a screen reader reads it first and the keyboard
// continues from it to the links that lead to each field.
(function () {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
