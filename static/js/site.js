// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The phone menu: a link to #site-menu without JavaScript (opened by :target); with it, a
  // button that says whether the menu is open.
  var menuButton = document.querySelector(".menu-button");
  var menu = document.getElementById("site-menu");
  if (menuButton && menu) {
    menuButton.setAttribute("role", "button");
    menuButton.setAttribute("aria-expanded", "false");
    menuButton.addEventListener("click", function (event) {
      event.preventDefault();
      var open = !menu.classList.contains("is-open");
      menu.classList.toggle("is-open", open);
      menuButton.setAttribute("aria-expanded", String(open));
      if (open) {
        var first = menu.querySelector("a, input, button");
        if (first) first.focus();
      }
    });
    menuButton.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); menuButton.click(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        menu.classList.remove("is-open");
        menuButton.setAttribute("aria-expanded", "false");
        menuButton.focus();
      }
    });
  }

  // A link to #some-question opens that answer, on load and when the fragment changes.
  function openTarget() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      return; // a malformed fragment is not ours to fix
    }
    if (!id) return;
    var target = document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      var summary = target.querySelector("summary");
      if (summary) summary.focus({ preventScroll: true });
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);

  // The language switch keeps your place: a question or principle is the same one, at the
  // same position, in every language, though its anchor is written in that language. The
  // link carries "#at-N" and the page in the other language turns it into its own anchor.
  function anchors() { return Array.prototype.slice.call(document.querySelectorAll("[data-anchor]")); }
  var atMatch = /^#at-(\d+)$/.exec(window.location.hash);
  if (atMatch) {
    var mapped = anchors()[Number(atMatch[1])];
    if (mapped) {
      history.replaceState(null, "", "#" + mapped.id);
      if (mapped.tagName !== "DETAILS") mapped.scrollIntoView();
    }
  }
  document.querySelectorAll(".language-switcher a[hreflang]").forEach(function (link) {
    link.addEventListener("click", function () {
      var hash = window.location.hash;
      if (!hash || link.href.indexOf("#") !== -1) return;
      var current = document.getElementById(decodeURIComponent(hash.slice(1)));
      var index = current ? anchors().indexOf(current) : -1;
      link.href = link.href + (index >= 0 ? "#at-" + index : hash);
    });
  });

  // Opening a question puts its link in the address bar, ready to share.
  document.querySelectorAll("details[data-anchor]").forEach(function (item) {
    item.addEventListener("toggle", function () {
      if (item.open && window.location.hash !== "#" + item.id) {
        history.replaceState(null, "", "#" + item.id);
      }
    });
  });

  // "Link to this question" copies the link too, where the browser allows it.
  document.querySelectorAll("a[data-copy-link]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!navigator.clipboard) return;
      event.preventDefault();
      var url = link.href;
      navigator.clipboard.writeText(url).then(function () {
        history.replaceState(null, "", link.getAttribute("href"));
        var note = link.parentNode.querySelector(".faq__copied");
        if (!note) {
          note = document.createElement("span");
          note.className = "faq__copied";
          note.setAttribute("role", "status");
          link.parentNode.appendChild(note);
        }
        note.textContent = link.getAttribute("data-copied");
      }, function () { window.location.hash = link.getAttribute("href"); });
    });
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openTarget);
  } else {
    openTarget();
  }

  // Printed FAQs show every answer. The stylesheet does this where the browser supports
  // ::details-content; this covers the others, and closes the answers again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = [];
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      openedForPrint.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });
})();
