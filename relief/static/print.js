// The "Print" button of a paper: opens the browser's print dialogue (no inline script).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) { event.preventDefault(); window.print(); }
});
