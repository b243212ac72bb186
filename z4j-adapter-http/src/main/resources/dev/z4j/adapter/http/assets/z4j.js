// z4j brain: the dashboard's only own script, served from the brain's origin (the page policy allows no inline code).
// Everything here is an enhancement: every page reads, and every form posts, without it.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="element-id"> copies that element's text and says so.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(source.textContent).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      button.setAttribute("aria-live", "polite");
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });
})();
