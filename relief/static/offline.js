/* Work without a signal, for commune officers (progressive: every page works without it).
   A form posted while offline goes to the outbox (IndexedDB) with its one-time submission
   key; when the signal returns it is sent with that key, so it is saved exactly once, and
   each answer is shown: saved, fields to fix, or a question to answer. The commune's
   households are kept for search. Logging out clears the list and the pages; with forms
   still unsent it asks first: send them now, or keep them on this phone, where they wait for
   the same officer (never sent in anyone else's session). */
(() => {
  "use strict";
  const body = document.body;
  const user = body.dataset.user || "";
  const officer = body.dataset.offline === "1";
  const vi = document.documentElement.lang !== "en";
  const CACHE = "relief-v2"; // sw.js names the same
  const KEY_FIELD = "submission_key";
  const T = (v, e) => (vi ? v : e);
  const zone = body.dataset.zone || undefined; // times as the commune reads them

  const open = () =>
    new Promise((ok, no) => {
      const r = indexedDB.open("relief-offline", 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore("outbox", { keyPath: "id" });
        r.result.createObjectStore("data");
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
  const run = (store, mode, work) =>
    open().then(
      (db) =>
        new Promise((ok, no) => {
          const tx = db.transaction(store, mode);
          const req = work(tx.objectStore(store));
          tx.oncomplete = () => ok(req ? req.result : undefined);
          tx.onerror = () => no(tx.error);
        }),
    );
  const items = () =>
    run("outbox", "readonly", (s) => s.getAll()).then((all) =>
      all.filter((i) => i.user === user).sort((a, b) => a.at - b.at),
    );
  const put = (item) => run("outbox", "readwrite", (s) => s.put(item));
  const drop = (id) => run("outbox", "readwrite", (s) => s.delete(id));
  const getData = (k) => run("data", "readonly", (s) => s.get(k));
  const setData = (k, v) => run("data", "readwrite", (s) => s.put(v, k));

  const newKey = () => {
    const a = new Uint8Array(24);
    crypto.getRandomValues(a);
    return btoa(String.fromCharCode(...a)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
  };
  const fold = (s) =>
    (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  const csrf = () => {
    const el = document.querySelector('input[name="_csrf_token"]');
    return el ? el.value : "";
  };

  async function forgetAll(keepOutbox) {
    if (keepOutbox) await run("data", "readwrite", (s) => s.clear());
    else
      await new Promise((ok) => {
        const r = indexedDB.deleteDatabase("relief-offline");
        r.onsuccess = r.onerror = r.onblocked = () => ok();
      });
    if (window.caches) for (const k of await caches.keys()) await caches.delete(k);
    if (navigator.serviceWorker)
      for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  }

  // --- the outbox ------------------------------------------------------------------------
  async function queue(form, submitter) {
    const entries = [];
    for (const [k, v] of new FormData(form, submitter)) entries.push([k, v]);
    const keyField = form.elements[KEY_FIELD];
    const editing = sessionStorage.getItem("relief-edit");
    const id = editing || (keyField && keyField.value) || newKey();
    sessionStorage.removeItem("relief-edit");
    const head = form.elements.head_name; // a household's form names its household
    const named = head ? head.value.trim() : form.dataset.name || "";
    await put({
      id, user, entries, url: form.action, page: location.pathname + location.search,
      title: document.title.replace(/ · Relief$/, ""), name: named,
      at: Date.now(), status: "waiting",
    });
    form.reset();
    delete form.dataset.resized; // the next photo is reduced again
    if (keyField) keyField.value = newKey(); // the next form is another record
    await banner(T("Đã lưu trên máy, chưa gửi.", "Saved on this phone, not sent yet."));
  }

  let syncing = false;
  async function sync() {
    // One sync at a time: the online event, a page load and the Send button may coincide.
    if (!officer || !navigator.onLine || syncing) return;
    syncing = true;
    try {
      await sendAll();
    } finally {
      syncing = false;
    }
    await banner();
    if (document.getElementById("outbox")) await showOutbox();
  }

  async function sendAll() {
    for (const item of await items()) {
      const data = new FormData();
      for (const [k, v] of item.entries) data.append(k, k === "_csrf_token" ? csrf() || v : v);
      let res;
      try {
        res = await fetch(item.url, { method: "POST", body: data, credentials: "same-origin" });
      } catch (err) {
        return; // the signal went again: the rest waits, nothing is lost
      }
      if (new URL(res.url).pathname === "/login") {
        item.status = "login"; // the session ended: wait for the same officer to log in
        await put(item);
        return;
      }
      if (res.ok) {
        await drop(item.id);
        const sent = (await getData("sent")) || [];
        sent.unshift({ title: item.title, link: res.url, at: Date.now() });
        await setData("sent", sent.slice(0, 20));
      } else {
        item.status = res.status === 409 ? "question" : res.status === 422 ? "fix" : "error";
        item.code = res.status;
        item.html = await res.text();
        await put(item);
      }
    }
  }

  async function banner(message) {
    const mine = officer ? await items() : [];
    let box = document.getElementById("outbox-note");
    if (!mine.length && !message) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "outbox-note";
      box.className = "flash warn";
      box.setAttribute("role", "status");
      (document.getElementById("main") || body).prepend(box);
    }
    box.textContent = (message ? message + " " : "") +
      T(`${mine.length} biểu mẫu chưa gửi. `, `${mine.length} form(s) not sent. `);
    const link = document.createElement("a");
    link.href = "/offline";
    link.textContent = T("Xem danh sách chưa gửi", "See the forms not sent");
    box.append(link);
  }

  const STATUS = {
    waiting: ["Chờ gửi", "Waiting to be sent"],
    login: ["Chờ đăng nhập lại", "Waiting for you to log in again"],
    fix: ["Cần sửa: có trường chưa đúng", "To fix: some fields are wrong"],
    question: ["Cần trả lời: hồ sơ đã thay đổi hoặc có thể trùng", "To answer: changed meanwhile or a likely duplicate"],
    error: ["Không gửi được", "Could not be sent"],
  };

  // "Thêm hộ: Lò Văn Tư · 07/10/2025, 16:49": the form, whose it is, when it was kept.
  const describe = (item) =>
    `${item.title}${item.name ? ": " + item.name : ""} · ` +
    new Date(item.at).toLocaleString(vi ? "vi-VN" : "en-GB", {
      timeZone: zone, day: "2-digit", month: "2-digit", year: "numeric",
      hour: "2-digit", minute: "2-digit",
    });

  async function showOutbox() {
    const list = document.getElementById("outbox");
    list.replaceChildren();
    const mine = await items();
    for (const item of mine) {
      const li = document.createElement("li");
      const [sv, se] = STATUS[item.status] || STATUS.error;
      li.append(`${describe(item)} · ${T(sv, se)} `);
      const act = (label, fn) => {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.addEventListener("click", fn);
        li.append(b, " ");
      };
      act(item.html ? T("Mở để sửa", "Open to fix") : T("Sửa", "Edit"), () => {
        sessionStorage.setItem("relief-edit", item.id);
        location.href = item.page;
      });
      act(T("Bỏ", "Discard"), async () => {
        if (confirm(T("Bỏ biểu mẫu này?", "Discard this form?"))) {
          await drop(item.id);
          await showOutbox();
          await banner();
        }
      });
      list.append(li);
    }
    document.getElementById("outbox-empty").hidden = mine.length > 0;
    const sent = ((await getData("sent")) || []).slice(0, 5);
    const done = document.getElementById("sent");
    done.replaceChildren();
    for (const s of sent) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = s.link;
      a.textContent = s.title;
      li.append(T("Đã lưu: ", "Saved: "), a);
      done.append(li);
    }
  }

  function refill() {
    const id = sessionStorage.getItem("relief-edit");
    if (!id) return;
    run("outbox", "readonly", (s) => s.get(id)).then((item) => {
      if (!item) return sessionStorage.removeItem("relief-edit");
      const form = [...document.forms].find((f) => f.action === item.url);
      if (!form) return;
      if (form.elements[KEY_FIELD]) form.elements[KEY_FIELD].value = item.id; // saved once
      if (item.html) showAnswer(form, item.html);
      const values = {};
      for (const [k, v] of item.entries) if (typeof v === "string") (values[k] = values[k] || []).push(v);
      for (const el of form.elements) {
        if (!el.name || !(el.name in values) || el.type === "file" || el.name === "_csrf_token") continue;
        const v = values[el.name];
        if (el.type === "checkbox" || el.type === "radio") el.checked = v.includes(el.value);
        else if (el.multiple) for (const o of el.options) o.selected = v.includes(o.value);
        else el.value = v[0];
      }
    });
  }

  function showAnswer(form, html) {
    // The server's answer to the queued form: its messages beside the fields, its question.
    const answer = new DOMParser().parseFromString(html, "text/html");
    const theirs = [...answer.forms].find((f) => f.getAttribute("action") === form.getAttribute("action"));
    const extra = answer.getElementById("duplicates");
    if (extra && !document.getElementById("duplicates")) {
      const submit = form.querySelector('[type="submit"]');
      const block = document.importNode(extra, true);
      if (submit) submit.before(block);
      else form.append(block);
    }
    for (const error of answer.querySelectorAll('.error[id^="e-"]')) {
      const name = error.id.slice(2);
      const field = form.elements[name];
      const el = field && (field.length && !field.tagName ? field[0] : field);
      if (!el || document.getElementById(error.id)) continue;
      const box = el.closest(".field") || el.parentElement;
      box.classList.add("has-error");
      box.append(document.importNode(error, true));
    }
    const summary = theirs && theirs.parentElement.querySelector(".error-summary, [role=alert]");
    if (summary) form.before(document.importNode(summary, true));
    const first = form.querySelector(".has-error input, .has-error select, .has-error textarea");
    if (first) first.focus();
  }

  // --- logging out ------------------------------------------------------------------------
  const NO_SIGNAL = () => T(
    "Không có mạng: chưa đăng xuất được. Mọi thứ vẫn được giữ trên máy.",
    "No signal: you are not logged out yet. Everything is still kept on this phone.",
  );
  async function logOut(form, keepOutbox) {
    // By a request, not a page load: without a signal the officer gets a message and stays
    // logged in with everything kept, not the browser's error page.
    const res = await fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
    }).catch(() => null);
    if (!res || !res.ok) return banner(NO_SIGNAL());
    await forgetAll(keepOutbox);
    location.href = res.url;
  }

  // --- the commune's households --------------------------------------------------------
  // A module of its own, loaded after the page (the page's weight stays within its budget).
  const listTools = () =>
    import("/static/offline-list.js").then((m) =>
      m.tools({ getData, setData, fold, T, vi, describe, newKey, KEY_FIELD, CACHE, user, zone }),
    );

  // --- wiring ----------------------------------------------------------------------------
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.method.toLowerCase() !== "post") return;
    if (new URL(form.action).pathname === "/logout") {
      event.preventDefault();
      // The question is a script of its own, fetched only when there is one to ask.
      const ask = (mine) =>
        import("/static/logout-question.js")
          .then((m) => m.askAtLogout(form, mine, { T, describe, sync, items, logOut }))
          .catch(() => banner(NO_SIGNAL()));
      (officer ? items() : Promise.resolve([])).then((mine) =>
        mine.length ? ask(mine) : logOut(form, false),
      );
      return;
    }
    if (!officer) return;
    if (navigator.onLine) {
      const editing = sessionStorage.getItem("relief-edit");
      if (editing) {
        sessionStorage.removeItem("relief-edit");
        drop(editing); // sent now, with its key: the outbox copy is no longer needed
      }
      return;
    }
    event.preventDefault();
    queue(form, event.submitter);
  });

  if (!user) {
    // No session: the household list goes; unsent forms wait for their officer.
    // (Only where the store exists: a logged-out phone keeps none.)
    indexedDB.databases().then((dbs) => {
      if (dbs.some((d) => d.name === "relief-offline"))
        run("data", "readwrite", (s) => s.delete("list")).catch(() => null);
    });
    return;
  }
  if (!officer) {
    if (navigator.serviceWorker)
      navigator.serviceWorker.getRegistrations().then((rs) => rs.forEach((r) => r.unregister()));
    return;
  }
  if (navigator.serviceWorker) navigator.serviceWorker.register("/sw.js", { scope: "/" });
  // A page may come from the phone's copy, its one-time keys already used or about to be used
  // again: each page shown gets fresh ones, so two records never share a key.
  for (const el of document.querySelectorAll(`input[name="${KEY_FIELD}"]`)) el.value = newKey();
  window.addEventListener("online", sync);
  const kept = listTools().catch(() => null);
  kept.then(async (m) => {
    if (m) await m.adaptCopy(); // before refill, which finds the form by its action
    refill();
    if (!m) return;
    m.search();
    m.visitSearch();
    await m.showKept();
  });
  banner();
  if (document.getElementById("outbox")) {
    showOutbox();
    document.getElementById("send-now").addEventListener("click", sync);
  }
  if (navigator.onLine)
    sync()
      .then(() => kept)
      .then((m) => m && m.refreshList().then(m.showKept))
      .catch(() => null);
})();
