// The timeout warning of an online form (templates/contacts/_form_page.html): a modal dialog a few
// minutes before the answers in progress are deleted, with "Keep my answers", which saves them
// again (POST to the form's keep address) and starts the count again. Escape keeps them too, as
// GOV.UK's timeout warning does. Without this script the page works and the answers are simply
// kept for the time the page says.
const dialog = document.querySelector('[data-module="app-contact-timeout"]');

function minutesText(seconds) {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

if (dialog && typeof dialog.showModal === "function") {
  const warnSeconds = Number(dialog.dataset.warnSeconds);
  const keepUrl = dialog.dataset.keepUrl;
  const text = dialog.querySelector("[data-timeout-text]");
  const heading = dialog.querySelector("h2");
  const keepButton = dialog.querySelector("[data-timeout-keep]");
  const startLink = dialog.querySelector("[data-timeout-start]");
  // The page's own form holds the CSRF token (the cookie may be HttpOnly).
  const token = document.querySelector('form input[name="csrfmiddlewaretoken"]');
  let deadline = 0;
  let warnTimer = 0;
  let tickTimer = 0;
  let returnFocus = null;

  const expired = () => {
    window.clearInterval(tickTimer);
    heading.textContent = "Your answers have been deleted";
    text.textContent = "We deleted your answers because you did not do anything for a while. You need to start again.";
    keepButton.hidden = true;
    startLink.hidden = false;
    if (!dialog.open) {
      dialog.showModal();
    }
    heading.focus();
  };

  const tick = () => {
    const left = Math.round((deadline - Date.now()) / 1000);
    if (left <= 0) {
      expired();
      return;
    }
    text.textContent = `We will delete your answers in ${minutesText(left)} if you do not do anything.`;
  };

  const warn = () => {
    returnFocus = document.activeElement;
    tick();
    dialog.showModal();
    heading.focus();
    tickTimer = window.setInterval(tick, 15000);
  };

  const start = (secondsLeft) => {
    window.clearTimeout(warnTimer);
    window.clearInterval(tickTimer);
    deadline = Date.now() + secondsLeft * 1000;
    warnTimer = window.setTimeout(warn, Math.max(0, secondsLeft - warnSeconds) * 1000);
  };

  const keep = async () => {
    keepButton.disabled = true;
    try {
      const response = await fetch(keepUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
      });
      if (!response.ok) {
        expired();
        return;
      }
      const { seconds_left: secondsLeft } = await response.json();
      dialog.close();
      if (returnFocus && typeof returnFocus.focus === "function") {
        returnFocus.focus();
      }
      start(secondsLeft);
    } catch {
      text.textContent = "We could not keep your answers. Check your internet connection and try again.";
    } finally {
      keepButton.disabled = false;
    }
  };

  keepButton.addEventListener("click", keep);
  dialog.addEventListener("cancel", (event) => {
    // Escape: keep the answers (unless they are already gone, when it just closes).
    if (!keepButton.hidden) {
      event.preventDefault();
      keep();
    }
  });
  start(Number(dialog.dataset.secondsLeft));
}
