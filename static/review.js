// The operators' review page: conversations and their turns, the handoff queue, and export as an eval case.
// Everything recorded is caller-supplied text: it is only ever set with textContent, never as HTML.
"use strict";

(() => {
  const PAGE_SIZE = 25;
  const KEY_STORAGE = "apitap.review.key";
  const FLAG_NAMES = {
    handoff: "handoff", verification_failed: "verification failed", verification_locked: "verification locked",
    ask_back: "ask-back", could_not_answer: "could not answer", tool_error: "tool error", leak_guard: "leak guard",
    llm_outage: "LLM outage", db_outage: "DB outage",
  };
  const $ = (id) => document.getElementById(id);
  const state = { offset: 0, total: 0, filters: {}, session: null, loaded: false };
  window.__review = state;

  function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE) || "";
  }

  async function call(path, options = {}) {
    const headers = { Accept: "application/json", ...(options.headers || {}) };
    if (apiKey()) headers["X-API-Key"] = apiKey();
    const response = await fetch(path, { ...options, headers });
    if (!response.ok) {
      let detail = `${response.status} ${response.statusText}`;
      try {
        const body = await response.json();
        if (body && typeof body.detail === "string") detail = body.detail;
      } catch (_) { /* not JSON: keep the status line */ }
      throw new Error(detail);
    }
    return response;
  }

  function showError(error) {
    const box = $("error");
    box.textContent = error ? String(error.message || error) : "";
    box.hidden = !error;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function when(iso) {
    return iso ? iso.replace("T", " ").slice(0, 19) : "";
  }

  function flagChips(flags) {
    const holder = element("span", null, "chips");
    for (const flag of flags || []) {
      const chip = element("span", FLAG_NAMES[flag] || flag, `chip chip-${flag}`);
      chip.dataset.flag = flag;
      holder.append(chip);
    }
    return holder;
  }

  function caller(identity, customerId) {
    if (identity === "trusted") return `customer ${customerId}`;
    if (identity === "verified") return `customer ${customerId} (verified)`;
    return "anonymous";
  }

  // --- conversations -----------------------------------------------------------------------------------------

  async function loadConversations() {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(state.offset) });
    for (const [name, value] of Object.entries(state.filters)) if (value) params.set(name, value);
    try {
      const page = await (await call(`/review/conversations?${params}`)).json();
      state.total = page.total;
      renderConversations(page);
      showError(null);
    } catch (error) {
      showError(error);
    } finally {
      state.loaded = true;
    }
  }

  function renderConversations(page) {
    const rows = $("conversation-rows");
    rows.replaceChildren();
    for (const conversation of page.conversations) {
      const row = element("tr");
      row.dataset.session = conversation.session_id;
      row.tabIndex = 0;
      row.append(
        element("td", when(conversation.last_at)),
        element("td", conversation.turns),
        element("td", caller(conversation.identity, conversation.customer_id)),
        element("td", conversation.languages.join(", ")),
        element("td", conversation.channels.join(", ")),
        element("td", conversation.first_said, "said"),
      );
      const flags = element("td");
      flags.append(flagChips(conversation.flags));
      if (conversation.handoff) flags.append(element("span", ` #${conversation.handoff.id} ${conversation.handoff.status}`, "muted"));
      row.append(flags);
      row.addEventListener("click", () => openConversation(conversation.session_id));
      row.addEventListener("keydown", (event) => {
        if (event.key === "Enter") openConversation(conversation.session_id);
      });
      rows.append(row);
    }
    const shown = page.conversations.length;
    $("list-count").textContent = page.total === 0
      ? "No conversation matches."
      : `${page.offset + 1}–${page.offset + shown} of ${page.total} conversations`;
    $("previous-page").disabled = page.offset === 0;
    $("next-page").disabled = page.offset + shown >= page.total;
  }

  async function openConversation(sessionId) {
    try {
      const conversation = await (await call(`/review/conversations/${encodeURIComponent(sessionId)}`)).json();
      state.session = sessionId;
      renderConversation(conversation);
      showError(null);
    } catch (error) {
      showError(error);
    }
  }

  function renderConversation(conversation) {
    $("detail").hidden = false;
    $("detail-session").textContent = conversation.session_id;
    $("case-box").hidden = true;
    $("case-yaml").textContent = "";
    const handoffs = $("detail-handoffs");
    handoffs.replaceChildren();
    for (const handoff of conversation.handoffs) handoffs.append(handoffItem(handoff, "div", false));
    const list = $("turns");
    list.replaceChildren();
    const template = $("turn-template");
    for (const turn of conversation.turns) {
      const item = template.content.firstElementChild.cloneNode(true);
      item.querySelector("time").textContent = when(turn.at);
      item.querySelector(".channel").textContent = turn.channel;
      item.querySelector(".language").textContent = turn.language;
      item.querySelector(".identity").textContent = caller(turn.identity, turn.customer_id);
      item.querySelector(".flags").append(flagChips(turn.flags));
      item.querySelector(".heard .text").textContent = turn.heard;
      item.querySelector(".answer .text").textContent = turn.response;
      const calls = item.querySelector(".tool-calls");
      for (const toolCall of turn.tool_calls) calls.append(toolCallItem(toolCall));
      const timings = Object.entries(turn.timings_ms).map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`);
      item.querySelector(".timings").textContent = timings.join(" · ");
      list.append(item);
    }
    $("detail").scrollIntoView({ block: "start" });
  }

  function toolCallItem(toolCall) {
    const item = element("li", null, "tool-call");
    const failed = toolCall.result && (toolCall.result.error || toolCall.result.verified === false);
    item.classList.toggle("failed", Boolean(failed));
    const head = element("details");
    const summary = element("summary");
    summary.append(element("code", `${toolCall.name}(${JSON.stringify(toolCall.args)})`));
    summary.append(element("span", failed ? ` → ${toolCall.result.error || "not verified"}` : " → answered", "outcome"));
    head.append(summary, element("pre", JSON.stringify(toolCall.result, null, 2)));
    item.append(head);
    return item;
  }

  async function exportCase() {
    if (!state.session) return;
    try {
      const response = await call(`/review/conversations/${encodeURIComponent(state.session)}/case.yaml`,
        { headers: { Accept: "application/yaml" } });
      const yaml = await response.text();
      $("case-yaml").textContent = yaml;
      $("case-box").hidden = false;
      const disposition = response.headers.get("Content-Disposition") || "";
      const name = (disposition.match(/filename="([^"]+)"/) || [null, "case.yaml"])[1];
      const link = element("a");
      link.href = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      showError(null);
    } catch (error) {
      showError(error);
    }
  }

  // --- handoff queue ---------------------------------------------------------------------------------------------

  function handoffItem(handoff, tag = "li", withLink = true) {
    const item = element(tag, null, `handoff status-${handoff.status}`);
    item.dataset.handoff = String(handoff.id);
    const head = element("div", null, "handoff-head");
    head.append(
      element("strong", `#${handoff.id}`),
      element("span", ` ${handoff.reason.replaceAll("_", " ")} · ${handoff.status} · ${when(handoff.created_at)}`),
    );
    const actions = element("span", null, "actions");
    if (withLink) {
      const open = element("button", "Open conversation");
      open.type = "button";
      open.addEventListener("click", () => openConversation(handoff.session_id));
      actions.append(open);
    }
    for (const [status, label] of [["taken", "Take"], ["closed", "Close"], ["open", "Reopen"]]) {
      if (status === handoff.status || (status === "open" && handoff.status === "taken")) continue;
      const button = element("button", label);
      button.type = "button";
      button.dataset.status = status;
      button.addEventListener("click", () => setStatus(handoff.id, status));
      actions.append(button);
    }
    head.append(actions);
    item.append(head, element("pre", handoff.summary, "summary"));
    return item;
  }

  async function loadQueue() {
    const status = $("queue-status").value;
    try {
      const handoffs = await (await call(`/review/handoffs?status=${encodeURIComponent(status)}`)).json();
      const list = $("queue");
      list.replaceChildren(...handoffs.map((handoff) => handoffItem(handoff)));
      $("queue-empty").hidden = handoffs.length > 0;
    } catch (error) {
      showError(error);
    }
  }

  async function setStatus(id, status) {
    try {
      await call(`/review/handoffs/${id}`, {
        method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ status }),
      });
      await Promise.all([loadQueue(), loadConversations()]);
      if (state.session) await openConversation(state.session);
    } catch (error) {
      showError(error);
    }
  }

  // --- wiring ----------------------------------------------------------------------------------------------------

  function readFilters() {
    const form = new FormData($("filters"));
    return Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value).trim()]));
  }

  function refresh() {
    return Promise.all([loadQueue(), loadConversations()]);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("api-key").value = apiKey();
    $("key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY_STORAGE, $("api-key").value.trim());
      refresh();
    });
    $("filters").addEventListener("submit", (event) => {
      event.preventDefault();
      state.filters = readFilters();
      state.offset = 0;
      loadConversations();
    });
    $("previous-page").addEventListener("click", () => {
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
      loadConversations();
    });
    $("next-page").addEventListener("click", () => {
      state.offset += PAGE_SIZE;
      loadConversations();
    });
    $("queue-status").addEventListener("change", loadQueue);
    $("export-case").addEventListener("click", exportCase);
    $("close-detail").addEventListener("click", () => {
      $("detail").hidden = true;
      state.session = null;
    });
    const wanted = new URLSearchParams(window.location.search).get("session");
    refresh().then(() => wanted && openConversation(wanted));
  });
})();
