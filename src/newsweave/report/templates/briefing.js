(function () {
  "use strict";
  // Clicking a citation opens the cited article, scrolls to the passage and flashes every
  // piece of it (a passage may be split into several marks where citations overlap).
  function reveal(n) {
    var target = document.getElementById("cite-" + n);
    if (!target) { return false; }
    var details = target.closest("details");
    if (details) { details.open = true; }
    document.querySelectorAll('mark[data-cites~="' + n + '"]').forEach(function (mark) {
      mark.classList.remove("flash");
      void mark.offsetWidth;
      mark.classList.add("flash");
    });
    target.scrollIntoView({behavior: "smooth", block: "center"});
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-cite]") : null;
    if (!link) { return; }
    var n = link.getAttribute("data-cite");
    if (!/^[0-9]+$/.test(n)) { return; }
    if (reveal(n)) {
      event.preventDefault();
      history.pushState(null, "", "#cite-" + n);
    }
  });
  // Articles are open in the markup so that the page works without script; fold them here.
  document.querySelectorAll("details[data-fold]").forEach(function (details) {
    details.open = false;
  });
  var match = /^#cite-([0-9]+)$/.exec(location.hash);
  if (match) { reveal(match[1]); }
})();
