// policykit web app: progressive enhancement only. Every page works without this file.
// Served from /static (the Content-Security-Policy allows no inline script), and it never
// puts document text into the page as HTML: only textContent.
"use strict";

(function () {
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function setText(node, text) {
    if (node) { node.textContent = text == null ? "" : String(text); }
  }

  function getJSON(url, done) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status === 200) {
        try { done(JSON.parse(request.responseText)); } catch (e) { /* ignore a bad poll */ }
      }
    };
    request.send();
  }

  // --- upload: drag and drop, progress of sending, then the batch page ---
  function setupUpload() {
    var form = document.getElementById("upload-form");
    if (!form) { return; }
    var zone = document.getElementById("dropzone");
    var input = document.getElementById("files");
    var status = document.getElementById("upload-status");
    var dropped = null;

    function describe(files) {
      var names = [];
      for (var i = 0; i < files.length; i++) { names.push(files[i].name); }
      setText(status, files.length + " file" + (files.length === 1 ? "" : "s") + " chosen: " + names.join(", "));
    }
    input.addEventListener("change", function () { dropped = null; describe(input.files); });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        dropped = event.dataTransfer.files;
        describe(dropped);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      if (dropped) {
        data.delete("files");
        for (var i = 0; i < dropped.length; i++) { data.append("files", dropped[i], dropped[i].name); }
      }
      var bar = document.getElementById("upload-bar");
      document.getElementById("upload-progress").hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      request.setRequestHeader("X-CSRF-Token", csrfToken());
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
      });
      request.onload = function () {
        var reply = {};
        try { reply = JSON.parse(request.responseText); } catch (e) { reply = {}; }
        if (request.status === 200 && reply.url) {
          window.location.assign(reply.url);
        } else {
          document.getElementById("upload-progress").hidden = true;
          setText(status, reply.error || ("The upload failed (" + request.status + ")."));
          status.classList.add("error");
        }
      };
      request.onerror = function () { setText(status, "The upload could not be sent. Is policykit still running?"); };
      setText(status, "Sending…");
      status.classList.remove("error");
      request.send(data);
    });
  }

  // --- batch page: each file's status while it is read ---
  function setupBatch() {
    var table = document.getElementById("batch");
    if (!table || table.getAttribute("data-finished") === "yes") { return; }
    var batch = table.getAttribute("data-batch");
    function cell(row, name) { return row.querySelector("." + name); }
    function update(data) {
      data.files.forEach(function (file) {
        var row = document.getElementById("file-" + file.id);
        if (!row) { return; }
        row.setAttribute("data-status", file.status);
        var status = cell(row, "status");
        status.textContent = "";
        if (file.status === "error") {
          var span = document.createElement("span");
          span.className = "error";
          span.textContent = file.error;
          status.appendChild(span);
        } else if (file.status === "done") {
          status.textContent = "Read";
        } else if (file.status === "reading") {
          var bar = document.createElement("progress");
          bar.setAttribute("aria-label", "Reading " + file.filename);
          status.appendChild(bar);
          status.appendChild(document.createTextNode(" Reading…"));
        } else {
          status.textContent = "Waiting…";
        }
        var title = cell(row, "title");
        if (file.url && !title.querySelector("a")) {
          var link = document.createElement("a");
          link.href = file.url;  // our own path, built by the server from a number
          link.textContent = file.title || file.filename;
          title.textContent = "";
          title.appendChild(link);
        }
        setText(cell(row, "type"), file.type || "");
        setText(cell(row, "kept"), file.kept_as || "");
        setText(cell(row, "approved"), file.approved || "");
        setText(cell(row, "next"), (file.next_review || "") + (file.overdue ? " (overdue)" : ""));
      });
      setText(document.getElementById("batch-summary"),
        data.done + " of " + data.total + " read" + (data.finished ? ". All done." : ""));
      if (data.finished) {
        table.setAttribute("data-finished", "yes");
      } else {
        window.setTimeout(poll, 600);
      }
    }
    function poll() { getJSON("/api/batches/" + encodeURIComponent(batch), update); }
    poll();
  }

  // --- generation job: progress, then reload to show the downloads ---
  function setupJob() {
    var box = document.getElementById("job");
    if (!box) { return; }
    var status = box.getAttribute("data-status");
    if (status !== "queued" && status !== "running") { return; }
    var id = box.getAttribute("data-job");
    function poll() {
      getJSON("/api/jobs/" + encodeURIComponent(id), function (data) {
        if (data.status === "done" || data.status === "error") {
          window.location.reload();
          return;
        }
        var line = document.getElementById("job-status");
        line.textContent = "";
        var bar = document.createElement("progress");
        bar.setAttribute("aria-label", "Generating");
        line.appendChild(bar);
        line.appendChild(document.createTextNode(" " + (data.progress || "waiting to start")));
        window.setTimeout(poll, 600);
      });
    }
    window.setTimeout(poll, 300);
  }

  // --- dashboard while files are still being read ---
  function setupRefresh() {
    var note = document.querySelector("[data-refresh]");
    if (!note) { return; }
    var seconds = parseInt(note.getAttribute("data-refresh"), 10) || 3;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }

  function setupErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupUpload();
    setupBatch();
    setupJob();
    setupRefresh();
    setupErrors();
  });
})();
