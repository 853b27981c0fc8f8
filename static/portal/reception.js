// The reception waiting list (templates/contacts/reception/waiting_list.html) kept current: every
// 30 seconds the page is fetched again and its list replaced, so the waits shown stay true without
// a reload (and never by a meta refresh, which WCAG 2.2.1 rules out). Politely: not while the tab
// is hidden, nor while focus or the pointer is in the list (a button about to be pressed must not
// move). The summary above the list is a polite live region changed only when its words change,
// that is when the number waiting does, so a screen reader is not told every 30 seconds. Without
// this script the list's "Refresh the list" link does the same by hand.
const list = document.querySelector('[data-module="app-reception-list"]');
const summary = document.querySelector("[data-reception-summary]");
const EVERY = 30000;

const busy = () => list.contains(document.activeElement) || list.matches(":hover");

const refresh = async () => {
  if (document.hidden || busy()) {
    return;
  }
  let response;
  try {
    response = await fetch(window.location.href, { credentials: "same-origin", cache: "no-store" });
  } catch {
    return; // offline for a moment: the next turn tries again
  }
  // Signed out (sent to sign in) or refused: leave the page as it is; its links still work.
  if (!response.ok || response.redirected) {
    return;
  }
  const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
  const freshList = fresh.querySelector('[data-module="app-reception-list"]');
  const freshSummary = fresh.querySelector("[data-reception-summary]");
  if (!freshList || busy()) {
    return;
  }
  list.replaceChildren(...freshList.childNodes);
  const words = freshSummary ? freshSummary.textContent.trim() : "";
  if (summary && words && summary.textContent.trim() !== words) {
    summary.textContent = words;
  }
};

if (list && window.fetch && window.DOMParser) {
  window.setInterval(refresh, EVERY);
}
