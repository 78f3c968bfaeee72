/* The question asked when an officer logs out with forms still unsent (offline.js loads this
   only then): send them now, keep them on this phone for the same officer, or stay. */
export function askAtLogout(form, mine, { T, describe, sync, items, logOut }) {
  const dialog = document.createElement("dialog");
  dialog.id = "logout-dialog";
  dialog.setAttribute("aria-labelledby", "logout-title");
  dialog.style.maxWidth = "min(32rem, calc(100vw - 2rem))";
  const title = document.createElement("h2");
  title.id = "logout-title";
  title.textContent = T(`Còn ${mine.length} biểu mẫu chưa gửi`, `${mine.length} form(s) not sent yet`);
  const list = document.createElement("ul");
  for (const item of mine) {
    const li = document.createElement("li");
    li.textContent = describe(item);
    list.append(li);
  }
  const note = document.createElement("p");
  note.setAttribute("role", "status");
  const actions = document.createElement("p");
  actions.className = "actions";
  const button = (label, work, secondary) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (secondary) b.className = "secondary";
    b.addEventListener("click", work);
    actions.append(b, " ");
  };
  button(T("Gửi ngay rồi đăng xuất", "Send them now, then log out"), async () => {
    note.textContent = T("Đang gửi…", "Sending…");
    await sync();
    const left = await items();
    if (left.length) {
      note.textContent = T(
        `Chưa gửi được ${left.length} biểu mẫu: hãy giữ chúng trên máy, hoặc ở lại để sửa.`,
        `${left.length} form(s) could not be sent: keep them on this phone, or stay to fix them.`,
      );
      return;
    }
    dialog.close();
    await logOut(form, false);
  });
  button(T("Giữ trên máy rồi đăng xuất", "Keep them on this phone, then log out"), async () => {
    dialog.close();
    await logOut(form, true);
  });
  button(T("Ở lại", "Stay logged in"), () => dialog.close(), true);
  const kept = document.createElement("p");
  kept.textContent = T(
    "Biểu mẫu giữ trên máy được gửi khi chính bạn đăng nhập lại trên máy này.",
    "Forms kept on this phone are sent when you log in again on it.",
  );
  dialog.append(title, list, kept, note, actions);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
