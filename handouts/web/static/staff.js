/* The staff page works without this script: its forms post, and files download, as they always did.
   With it, making a day's schedule (or downloading one patient's PDF) keeps the page: the file is fetched,
   handed to the browser as a download, and the page then says what was made ("Schedule ready: 4 patients,
   16 pages") in place of any old error, with focus on the message and the tab title saying it too.
   The counts come from the response's X-Handouts-* headers (counts only, never a patient detail); the file
   lives in this tab's memory until the browser has saved it. Anything that is not a file (a form error, the
   draft question, the sign-in page) is shown as the server sent it. */
(function () {
  "use strict";
  var SITE = " | Patient handouts";
  var busy = false;

  function kindOf(form, submitter) {
    if (form.id === "make-form") { return "schedule"; }
    if (form.id === "patient-form" && submitter && submitter.value === "download") { return "patient"; }
    return null;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = kindOf(form, event.submitter);
    if (!kind || !window.fetch || !window.URL || !URL.createObjectURL) { return; }
    event.preventDefault();
    if (busy) { return; }  // a second click while the file is being made
    busy = true;
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) { data.set(event.submitter.name, event.submitter.value); }
    var place = placeFor(kind, form);
    say(place, "status", "Making the file…", kind === "schedule" ? "This can take a minute for a long day." : "", false);
    fetch(target(form), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return shown(response, kind, place); })
      .catch(function () {
        say(place, "alert", "The server did not answer", "Nothing was made. Check the connection and try again.",
            true);
        document.title = "The server did not answer" + SITE;
      })
      .then(function () { busy = false; });
  });

  /* The form's address: not form.action, which the patient form's buttons (named "action") hide. */
  function target(form) { return new URL(form.getAttribute("action") || "", document.baseURI).href; }

  function shown(response, kind, place) {
    var disposition = response.headers.get("Content-Disposition") || "";
    if (response.ok && /^attachment/i.test(disposition)) {
      return response.blob().then(function (blob) {
        var name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || "handouts";
        save(blob, name);
        made(place, kind, name, Number(response.headers.get("X-Handouts-Patients")),
             Number(response.headers.get("X-Handouts-Pages")));
      });
    }
    if (response.redirected && new URL(response.url).pathname !== new URL(target(place.form)).pathname) {
      window.location.assign(response.url);  // the sign-in page: the session ended
      return null;
    }
    var type = response.headers.get("Content-Type") || "";
    return response.text().then(function (text) {
      if (/^text\/html/.test(type)) {
        swapIn(text);
      } else {
        say(place, "alert", "Nothing was made", text, true);
        document.title = "Nothing was made" + SITE;
      }
    });
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The browser reads the file when the download starts; the memory is given back soon after.
    setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function made(place, kind, name, patients, pages) {
    var title;
    var detail;
    if (kind === "schedule") {
      title = "Schedule ready: " + plural(patients, "patient") + ", " + plural(pages, "page");
      detail = /\.zip$/.test(name) ? "Saved as " + name + " (one PDF per patient) in your downloads."
                                  : "Saved as " + name + " in your downloads. Print it on both sides.";
      var left = leftOut();
      if (left) { detail += " " + plural(left, "row") + (left === 1 ? " was" : " were") + " left out (listed below)."; }
    } else {
      title = "Downloaded: " + plural(pages, "page");
      detail = "Saved as " + name + " in your downloads.";
    }
    say(place, "status", title, detail, true, "success");
    document.title = title + SITE;
  }

  /* The rows the file did not include: those to fix, and the draft rows unless they were ticked in. */
  function leftOut() {
    var problems = document.querySelector("#row-problems tbody");
    var drafts = document.querySelector("#draft-rows tbody");
    var ticked = document.getElementById("include-drafts");
    return (problems ? problems.rows.length : 0) + (drafts && !(ticked && ticked.checked) ? drafts.rows.length : 0);
  }

  /* Where the message goes: the schedule's result box (its old error summary goes), or the top of the patient
     form (its old error summary, draft question and field messages go: the server has accepted the form). */
  function placeFor(kind, form) {
    if (kind === "schedule") {
      var result = document.getElementById("schedule-result");
      var summary = result.querySelector(".error-summary, .success, .made");
      return { form: form, box: result, before: summary, old: summary, titleId: "schedule-result-title" };
    }
    ["error-summary", "draft-question"].forEach(function (id) {
      var old = document.getElementById(id);
      if (old) { old.remove(); }
    });
    form.querySelectorAll(".error").forEach(function (line) { line.remove(); });
    form.querySelectorAll(".has-error").forEach(function (field) { field.classList.remove("has-error"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      var hint = input.id + "-hint";
      if (document.getElementById(hint)) { input.setAttribute("aria-describedby", hint); }
      else { input.removeAttribute("aria-describedby"); }
    });
    return { form: form, box: form, before: form.querySelector(".lead"), old: null, titleId: "made-title" };
  }

  /* One message box with a heading, in the place's spot (replacing the last one); focus moves to it when
     the user should read it now. */
  function say(place, role, heading, text, focus, look) {
    var box = document.createElement("div");
    box.className = "made " + (look || (role === "alert" ? "error-summary" : "notice"));
    box.id = "made";
    box.setAttribute("role", role);
    var title = document.createElement("h3");
    title.id = place.titleId;  // the result section is labelled by it
    title.tabIndex = -1;
    title.textContent = heading;
    box.appendChild(title);
    if (text) {
      var line = document.createElement("p");
      line.textContent = text;
      box.appendChild(line);
    }
    var last = document.getElementById("made") || place.old;
    if (last && last.parentNode) { last.replaceWith(box); }
    else { place.box.insertBefore(box, place.before); }
    place.old = box;
    if (focus) { title.focus(); }
  }

  /* The server's own page (a form error, the draft question): its body and title replace this page's, and
     focus goes where the server's page puts it. */
  function swapIn(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    document.body.replaceWith(document.adoptNode(page.body));
    document.title = page.title;
    var first = document.querySelector("[autofocus]");
    if (first) { first.focus(); }
  }
}());
