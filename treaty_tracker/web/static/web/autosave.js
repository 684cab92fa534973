/* Autosave for report drafts: progressive enhancement. Without JavaScript the
 * "Save draft" button does the same; with it, a form marked data-autosave is saved a
 * moment after each change, through the same POST (action=save), so nothing typed is lost.
 */
(function () {
  "use strict";
  var DELAY_MS = 2000;
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var status = form.querySelector("[data-autosave-status]");
    var timer = null;
    function say(text) { if (status) { status.textContent = text; } }
    function save() {
      var data = new FormData(form);
      data.set("action", "save");
      fetch(form.getAttribute("action") || window.location.href, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Requested-With": "autosave" }
      }).then(function (response) {
        var time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        say(response.ok ? form.dataset.savedText.replace("%(time)s", time)
                        : form.dataset.refusedText);
      }).catch(function () { say(form.dataset.failedText); });
    }
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, DELAY_MS);
    });
    form.addEventListener("change", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, DELAY_MS);
    });
  });
})();
