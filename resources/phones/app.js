// The participant page. Plain JavaScript, no framework, nothing from outside this laptop.
// Every participant's text is put on the page with textContent, never as markup.
// The session token lives in this tab only (sessionStorage) and goes in a header.
"use strict";

(function () {
  var TOKEN_HEADER = "X-Phone-Token";
  var token = sessionStorage.getItem("token") || "";
  var version = 0;
  var limit = 280;
  var state = null;
  var sending = false;
  var failures = 0;

  function $(id) { return document.getElementById(id); }

  function api(method, path, body) {
    var headers = {};
    if (token) { headers[TOKEN_HEADER] = token; }
    var options = { method: method, headers: headers, cache: "no-store", credentials: "omit" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(data.error || ("The laptop answered " + response.status + "."));
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  function showConnection(text) {
    var banner = $("connection");
    banner.textContent = text;
    banner.hidden = !text;
  }

  // ------------------------------------------------------------------ join
  function showJoin(message) {
    token = "";
    sessionStorage.removeItem("token");
    $("workshop").hidden = true;
    $("join").hidden = false;
    $("join-error").textContent = message || "";
  }

  $("join-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var code = $("code").value.trim();
    if (!code) { $("join-error").textContent = "Type the code first."; return; }
    $("join-error").textContent = "";
    api("POST", "/api/join", { code: code }).then(function (data) {
      token = data.token;
      sessionStorage.setItem("token", token);
      $("join").hidden = true;
      $("workshop").hidden = false;
      version = 0;
      follow();
    }).catch(function (error) {
      $("join-error").textContent = error.message;
      $("code").focus();
    });
  });

  // ------------------------------------------------------------ following
  function follow() {
    if (!token) { return; }
    api("GET", "/api/wait?after=" + version).then(function (data) {
      failures = 0;
      showConnection("");
      draw(data);
      follow();
    }).catch(function (error) {
      if (error.status === 401) { showJoin("Please join again with the code on the screen."); return; }
      failures += 1;
      showConnection("Reconnecting to the laptop… your notes are kept.");
      setTimeout(follow, Math.min(10000, 1000 * failures));
    });
  }

  function draw(data) {
    var stepChanged = !state || state.step.key !== data.step.key;
    state = data;
    version = data.version;
    limit = data.limit;
    $("step-title").textContent = data.step.title;
    $("question").textContent = data.step.question || "Waiting for the facilitator to start.";
    $("prompt").textContent = data.step.prompt;
    $("prompt").hidden = !data.step.prompt;
    $("note").setAttribute("maxlength", String(limit));
    if (stepChanged) { drawAreas(data.step.areas); }
    countCharacters();
    drawMine(data.notes);
    drawVoting(data.voting);
  }

  function drawAreas(areas) {
    var list = $("area-list");
    list.textContent = "";
    $("areas").hidden = areas.length === 0;
    var choices = [{ key: "", label: "Not sure" }].concat(areas);
    choices.forEach(function (area, index) {
      var row = document.createElement("div");
      row.className = "area";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "area";
      input.value = area.key;
      input.id = "area-" + index;
      input.checked = index === 0;
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.textContent = area.label;
      row.appendChild(input);
      row.appendChild(label);
      list.appendChild(row);
    });
  }

  var STATUS = {
    "waiting": "Waiting for the facilitator",
    "accepted": "On the board",
    "not used": "Not used"
  };

  function drawMine(notes) {
    var list = $("mine");
    list.textContent = "";
    $("mine-empty").hidden = notes.length > 0;
    notes.slice().reverse().forEach(function (note) {
      var item = document.createElement("li");
      item.className = note.status === "accepted" ? "accepted" : "";
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = note.text;
      var status = document.createElement("span");
      status.className = "status";
      status.textContent = (STATUS[note.status] || note.status) +
        (note.edited ? " (tidied by the facilitator)" : "");
      item.appendChild(text);
      item.appendChild(status);
      list.appendChild(item);
    });
  }

  // ----------------------------------------------------------------- notes
  function countCharacters() {
    var length = Array.from($("note").value).length;
    var count = $("note-count");
    count.textContent = length + " of " + limit + " characters";
    count.className = length > limit ? "hint over" : "hint";
  }
  $("note").addEventListener("input", countCharacters);

  function newId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  var pendingId = "";
  $("note-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) { return; }
    var text = $("note").value.trim();
    var message = $("note-message");
    if (!text) { message.textContent = "Type a note first."; return; }
    if (Array.from(text).length > limit) {
      message.textContent = "That note is too long: at most " + limit + " characters.";
      return;
    }
    var chosen = document.querySelector("input[name=area]:checked");
    // The same id when a send is retried: the laptop keeps the note once.
    pendingId = pendingId || newId();
    sending = true;
    $("send").disabled = true;
    api("POST", "/api/notes", { text: text, area: chosen ? chosen.value : "", id: pendingId })
      .then(function () {
        pendingId = "";
        $("note").value = "";
        countCharacters();
        message.textContent = "Sent. The facilitator will put it on the board.";
      }).catch(function (error) {
        message.textContent = error.status ? error.message
          : "Not sent: the laptop cannot be reached. Your note is still here; try again.";
      }).then(function () {
        sending = false;
        $("send").disabled = false;
      });
  });

  // ----------------------------------------------------------------- votes
  function drawVoting(voting) {
    var section = $("voting");
    section.hidden = !voting;
    if (!voting) { return; }
    var mine = voting.mine || {};
    var used = Object.keys(mine).reduce(function (sum, key) { return sum + mine[key]; }, 0);
    $("voting-help").textContent = voting.open
      ? "You have " + voting.dots + " dots. You have placed " + used + ". Tap + to give an idea a dot, − to take it back."
      : "Voting has closed. Thank you.";
    var list = $("vote-list");
    list.textContent = "";
    voting.items.forEach(function (item) {
      var row = document.createElement("li");
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = item.label;
      var count = document.createElement("span");
      count.className = "count";
      var dots = mine[item.id] || 0;
      count.textContent = String(dots);
      count.setAttribute("aria-label", dots + (dots === 1 ? " dot" : " dots"));
      var minus = document.createElement("button");
      minus.type = "button";
      minus.textContent = "−";
      minus.setAttribute("aria-label", "Take a dot from: " + item.label);
      minus.disabled = !voting.open || dots === 0;
      var plus = document.createElement("button");
      plus.type = "button";
      plus.textContent = "+";
      plus.setAttribute("aria-label", "Give a dot to: " + item.label);
      plus.disabled = !voting.open || used >= voting.dots;
      minus.addEventListener("click", function () { vote(item.id, -1); });
      plus.addEventListener("click", function () { vote(item.id, 1); });
      row.appendChild(label);
      row.appendChild(minus);
      row.appendChild(count);
      row.appendChild(plus);
      list.appendChild(row);
    });
  }

  function vote(id, change) {
    var mine = Object.assign({}, state.voting.mine || {});
    mine[id] = Math.max(0, (mine[id] || 0) + change);
    api("POST", "/api/votes", { votes: mine }).then(function (data) {
      state.voting.mine = data.mine;
      drawVoting(state.voting);
    }).catch(function (error) {
      $("voting-help").textContent = error.message;
    });
  }

  // ----------------------------------------------------------------- start
  if (token) {
    $("join").hidden = true;
    $("workshop").hidden = false;
    follow();
  }
}());
