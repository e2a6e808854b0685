/* Progressive enhancement only: every page works without this script.
   1. Autocomplete for the search field (listbox pattern, keyboard operable).
   2. Screen mode: show one current item at a time, rotating.
   3. Screen mode: look for new important messages between reloads. */
(function () {
  "use strict";

  function autocomplete(box) {
    var input = box.querySelector("input");
    var list = box.querySelector("[role=listbox]");
    var url = box.getAttribute("data-suggest");
    var active = -1, timer = null, options = [];
    if (!input || !list || !url || !window.fetch) return;

    function close() {
      list.hidden = true; list.innerHTML = ""; options = []; active = -1;
      input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
    }
    function choose(i) {
      var o = options[i]; if (!o) return;
      if (o.path) { window.location.href = o.path; } else { input.value = o.title; close(); input.form.submit(); }
    }
    function highlight(i) {
      var items = list.children;
      for (var k = 0; k < items.length; k++) items[k].setAttribute("aria-selected", k === i ? "true" : "false");
      active = i;
      if (items[i]) input.setAttribute("aria-activedescendant", items[i].id);
    }
    function show(suggestions) {
      list.innerHTML = ""; options = suggestions; active = -1;
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-option-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
        li.textContent = s.title;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (d) { show(d.suggestions || []); })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, options.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function rotate(board) {
    var slides = board.querySelectorAll(".slide");
    var seconds = parseInt(board.getAttribute("data-seconds"), 10) || 12;
    var progress = board.querySelector(".progress");
    var reload = parseInt(board.getAttribute("data-reload"), 10);
    var i = 0;
    // Fresh content now and then; a revoked device token stops the screen here.
    if (reload > 0) setTimeout(function () { window.location.reload(); }, reload * 1000);
    if (slides.length < 2) return;
    board.classList.add("js-rotating");
    function show() {
      for (var k = 0; k < slides.length; k++) slides[k].classList.toggle("is-active", k === i);
      if (progress) progress.textContent = (i + 1) + " / " + slides.length;
    }
    show();
    setInterval(function () { i = (i + 1) % slides.length; show(); }, seconds * 1000);
  }

  // 3. Screens: a new important message appears within a minute, between reloads.
  function pollBanners(box) {
    var url = box.getAttribute("data-banner-poll");
    var seconds = parseInt((url.match(/every=(\d+)/) || [])[1], 10) || 20;
    if (!window.fetch) return;
    setInterval(function () {
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null) return;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#banners");
          if (fresh && fresh.innerHTML !== box.innerHTML) box.innerHTML = fresh.innerHTML;
        })
        .catch(function () {});
    }, seconds * 1000);
  }

  document.querySelectorAll(".autocomplete[data-suggest]").forEach(autocomplete);
  document.querySelectorAll("[data-banner-poll]").forEach(pollBanners);
  document.querySelectorAll("[data-rotate]").forEach(rotate);
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
