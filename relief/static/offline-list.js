/* The commune's households on an officer's phone (offline.js loads this module after the page,
   and the service worker keeps it): the list kept once and then by changes, its size shown,
   searched without accents on the offline page and a visit's page, and a household's damage
   form made from another household's kept copy. */
export function tools({ getData, setData, fold, T, vi, describe, newKey, KEY_FIELD, CACHE, user, zone }) {
  // --- the commune's households --------------------------------------------------------
  // Kept once, then only what changed since the last answer (its cursor): a few rows, not
  // the whole list, on every page. A kept list that holds one household too many (archived
  // or moved away: the answer's count or checksum differs) is fetched whole again.
  const LIST = "/offline/households.json";
  async function fetchList(since) {
    const url = LIST + (since ? "?since=" + encodeURIComponent(since) : "");
    const res = await fetch(url, { credentials: "same-origin" });
    if (!res.ok || res.redirected) return null;
    const answer = await res.json();
    const timing = performance.getEntriesByName(new URL(url, location.href).href).pop();
    answer.sent = timing ? timing.encodedBodySize : 0; // the bytes that came, compressed
    return answer;
  }

  async function refreshList() {
    const kept = await getData("list");
    const same = kept && kept.v === 2 && kept.user_id === Number(user);
    if (same && Date.now() - kept.at < 60 * 1000) return; // one request a minute at most
    let answer = await fetchList(same ? kept.cursor : null);
    if (!answer) return;
    let rows = answer.households;
    let sent = answer.sent;
    if (same && !answer.full) {
      const byId = new Map(kept.households.map((r) => [r[0], r]));
      for (const r of rows) byId.set(r[0], r);
      rows = [...byId.values()];
      const sum = rows.reduce((n, r) => n + r[0], 0);
      if (rows.length !== answer.count || sum !== answer.checksum) {
        answer = await fetchList(null);
        if (!answer) return;
        rows = answer.households;
      }
      sent = answer.full ? answer.sent : kept.sent;
    }
    // One damage form kept: without a signal it stands for every household's (sw.js).
    const cache = await caches.open(CACHE);
    if (rows.length && !(await cache.match(`/households/${rows[0][0]}/damage`, { ignoreVary: true }))) {
      const url = `/households/${rows[0][0]}/damage`;
      const form = await fetch(url, { credentials: "same-origin" }).catch(() => null);
      if (!form || form.redirected) return; // no signal, or the session ended: not the login page
      if (form.ok) await cache.put(url, form);
    }
    // The list is kept last: a kept list means the form is there too.
    await setData("list", {
      v: 2, user_id: answer.user_id, commune_id: answer.commune_id, cursor: answer.cursor,
      at: Date.now(), sent, hamlets: answer.hamlets, households: rows,
    });
  }

  const kb = (n) => Math.max(1, Math.round(n / 1024)).toLocaleString(vi ? "vi-VN" : "en-GB");
  async function showKept() {
    const note = document.getElementById("offline-kept");
    const list = await getData("list");
    if (!note || !list || list.v !== 2) return;
    const n = list.households.length.toLocaleString(vi ? "vi-VN" : "en-GB");
    const size = kb(new Blob([JSON.stringify(list.households)]).size);
    const when = describe({ title: "", at: list.at }).replace(/^ · /, "");
    note.textContent = T(
      `${n} hộ của xã được giữ trên máy (${size} KB; lần tải cả danh sách: ${kb(list.sent)} KB), cập nhật ${when}.`,
      `${n} households of the commune kept on this phone (${size} KB; the whole list came as ${kb(list.sent)} KB), updated ${when}.`,
    );
  }

  // A damage form from another household's copy (no signal): made this household's.
  async function adaptCopy() {
    const m = location.pathname.match(/^\/households\/(\d+)\/damage$/);
    const form = m && document.querySelector('main form[action$="/damage"]');
    const theirs = form && form.getAttribute("action");
    if (!theirs || theirs === location.pathname) return;
    const list = await getData("list");
    const row = list && list.v === 2 && list.households.find((r) => r[0] === Number(m[1]));
    const home = theirs.replace(/\/damage$/, "");
    const back = document.querySelector(`main a[href="${home}"]`);
    const old = back ? back.textContent.replace(/^‹\s*/, "") : "";
    const name = row ? row[1] : `#${m[1]}`;
    form.setAttribute("action", location.pathname);
    for (const a of document.querySelectorAll(`main a[href="${home}"]`)) a.href = `/households/${m[1]}`;
    if (back) back.textContent = `‹ ${name}`;
    const h1 = document.querySelector("h1");
    if (old && h1) h1.textContent = h1.textContent.replace(old, name);
    if (old) document.title = document.title.replace(old, name);
    const on = form.elements.assessed_on; // the copy may be days old: today, as the form says
    if (on) on.value = new Date().toLocaleDateString("en-CA", { timeZone: zone });
  }

  // A visit's search without a signal: the kept households, each given the visit's form.
  function visitSearch() {
    const tpl = document.getElementById("pick-offline");
    const box = document.getElementById("offline-picks");
    const search = document.querySelector('#add form[role="search"]');
    if (!tpl || !box || !search) return;
    const find = async () => {
      const list = await getData("list");
      const q = fold(search.elements.q.value);
      const kept = list && list.v === 2 && q.length >= 2 ? list.households : [];
      const hamlets = Object.fromEntries(((list && list.hamlets) || []).map((h) => [h.id, h.name]));
      const rows = kept.filter((r) => fold(r[1]).includes(q)).slice(0, 20);
      box.replaceChildren();
      for (const [id, name, hamlet, born] of rows) {
        const form = tpl.content.firstElementChild.cloneNode(true);
        form.elements.household_id.value = id;
        if (form.elements[KEY_FIELD]) form.elements[KEY_FIELD].value = newKey();
        form.dataset.name = name;
        for (const el of form.querySelectorAll("[id]")) el.id = el.id.replace(/-0$/, `-${id}`);
        for (const l of form.querySelectorAll("label[for]")) l.htmlFor = l.htmlFor.replace(/-0$/, `-${id}`);
        form.querySelector(".pick-name strong").textContent = name;
        form.querySelector(".pick-name span").textContent =
          ` · ${hamlets[hamlet] || ""}${born ? " · " + born : ""}`;
        const button = form.querySelector("button");
        button.textContent = button.dataset.label.replace("{name}", name);
        box.append(form);
      }
      if (!rows.length)
        box.textContent = T("Không có hộ nào khớp trong danh sách giữ trên máy.",
          "No household of the list kept on this phone matches.");
    };
    search.addEventListener("submit", (event) => {
      if (navigator.onLine) return;
      event.preventDefault();
      find();
    });
    // Searched before this module was loaded: the kept copy of the page, searched here.
    const asked = new URLSearchParams(location.search).get("q");
    if (!navigator.onLine && asked && !document.querySelector("form.pick")) {
      search.elements.q.value = asked;
      find();
    }
  }

  async function search() {
    const input = document.getElementById("offline-q");
    const out = document.getElementById("offline-results");
    if (!input) return;
    const list = await getData("list");
    const kept = list && list.v === 2 ? list.households : [];
    const hamlets = Object.fromEntries(((list && list.hamlets) || []).map((h) => [h.id, h.name]));
    const keyed = kept.map((r) => [fold(r[1]), r]); // accent-free: "nguyen" finds "Nguyễn"
    const show = () => {
      const q = fold(input.value);
      out.replaceChildren();
      if (q.length < 2) return;
      const found = keyed.filter(([k]) => k.includes(q)).sort((a, b) => (a[0] < b[0] ? -1 : 1));
      for (const [, [id, name, hamlet, born]] of found.slice(0, 30)) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = `/households/${id}`;
        a.textContent = name;
        const d = document.createElement("a");
        d.href = `/households/${id}/damage`;
        d.textContent = T("Ghi thiệt hại", "Record damage");
        li.append(a, ` · ${hamlets[hamlet] || ""} · ${born || ""} · `, d);
        out.append(li);
      }
    };
    input.addEventListener("input", show);
    show();
  }

  return { refreshList, showKept, adaptCopy, visitSearch, search };
}
