// The log-a-contact screen (templates/contacts/log/screen.html), enhanced: customers and directory
// topics found as the adviser types, the chosen customer's cases and the chosen topic's panel
// fetched as they are chosen, result counts announced, and Enter saving the contact. Without this
// script the screen's Find, Search and Show topic buttons post the form back and all still works.
const form = document.querySelector('[data-module="app-contact-log"]');

if (form && window.fetch) {
  const status = form.querySelector("[data-log-status]");
  const save = form.querySelector("[data-log-save]");
  const query = form.querySelector("#id_q");
  const directory = form.querySelector("#id_dq");
  // The buttons that post the screen back for results are not needed: results come as typed.
  for (const button of form.querySelectorAll("[data-log-nojs]")) button.remove();

  const checked = (name) => form.querySelector(`input[name="${name}"]:checked`)?.value || "";
  const fragment = async (url) => {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    const template = document.createElement("template");
    template.innerHTML = (await response.text()).trim();
    return template.content;
  };
  // Swap the element matching `selector` for the fragment at `url` (which keeps the radio chosen
  // so far: the URL names it), and announce its count (WCAG 4.1.3). Only the latest request for a
  // selector is shown: a slower answer to an earlier query must not replace the newer results.
  const latest = {};
  const swap = (selector, url) => {
    const turn = (latest[selector] = (latest[selector] || 0) + 1);
    return fragment(url).then((content) => {
      if (turn !== latest[selector]) return;
      const fresh = content.firstElementChild;
      form.querySelector(selector).replaceWith(fresh);
      status.textContent = fresh.querySelector("[data-log-count]")?.textContent || "";
    }).catch(() => {});
  };
  const debounce = (action) => {
    let timer = 0;
    return () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(action, 150);
    };
  };
  const params = (pairs) => new URLSearchParams(pairs).toString();
  const findCustomers = () =>
    swap("[data-log-matches]", `${form.dataset.customersUrl}?${params({ q: query.value, customer: checked("customer") })}`);
  const findTopics = () =>
    swap("[data-log-topic-choices]", `${form.dataset.directoryUrl}?${params({ q: directory.value, topic: checked("topic") })}`);
  query.addEventListener("input", debounce(findCustomers));
  directory.addEventListener("input", debounce(findTopics));

  const showTopic = (announce) => {
    const panel = form.querySelector("[data-log-topic-panel]");
    const topic = checked("topic");
    if (!topic) {
      panel.replaceChildren();
      return;
    }
    const url = `${form.dataset.topicUrl.replace("TOPIC", encodeURIComponent(topic))}?${params({ channel: checked("channel") })}`;
    fragment(url).then((content) => {
      panel.replaceChildren(content);
      const shown = panel.querySelector("[data-log-topic-for]");
      const partner = form.querySelector("#id_partner");
      // Signposting defaults to the topic's partner.
      if (shown.dataset.partner && partner && !partner.value) partner.value = shown.dataset.partner;
      if (announce) status.textContent = `Showing ${shown.querySelector("h3").textContent}`;
    }).catch(() => {});
  };

  form.addEventListener("change", (event) => {
    const { name, value } = event.target;
    if (name === "customer") {
      const glance = form.querySelector("[data-log-glance]");
      if (/^\d+$/.test(value)) {
        fragment(form.dataset.customerUrl.replace(/0\/$/, `${value}/`))
          .then((content) => glance.replaceChildren(content)).catch(() => {});
      } else {
        glance.replaceChildren();
      }
    } else if (name === "topic") {
      showTopic(true);
    } else if (name === "channel") {
      showTopic(false); // the promise depends on the channel
    }
  });

  // Enter in a search box searches at once (the focus stays in it); in another one-line box it
  // saves, as Enter does in any form (without this it would press the first button, Find).
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) return;
    const target = event.target;
    if (target === query || target === directory) {
      event.preventDefault();
      (target === query ? findCustomers : findTopics)();
    } else if (target.matches("input:not([type=checkbox])")) {
      event.preventDefault();
      form.requestSubmit(save);
    }
  });
}
