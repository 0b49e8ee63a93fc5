// Apitap web chat: one WebSocket (/ws/voice) carries typed and spoken turns; answers stream back as text tokens
// and one WAV per sentence, played in order. No build step, no external assets.
"use strict";

(() => {
  const STRINGS = {
    en: {
      skipToInput: "Skip to the question box",
      tagline: "Voice customer service",
      languageLabel: "Language",
      languageAuto: "Auto",
      customerLabel: "Signed in as",
      anonymous: "Anonymous",
      messagesLabel: "Conversation",
      emptyHint: "Ask about an order, a product, a return or your account. Type below, or hold Space to talk.",
      inputLabel: "Your question",
      inputPlaceholder: "Type your question…",
      send: "Send",
      micStart: "Start talking",
      micStop: "Stop talking and send",
      stop: "Stop the answer",
      spaceHint: "Hold Space to talk, or tap it to start and stop. Esc stops the answer.",
      listening: "Listening… release Space or press the microphone again to send.",
      transcribing: "Transcribing…",
      youSaid: "You said:",
      lookingUp: "Looking up: {names}",
      stopped: "(stopped)",
      latency: "Answered in {turn} s",
      latencyAudio: "Answered in {turn} s · first audio after {audio} s",
      connecting: "Connecting to the assistant…",
      reconnecting: "Connection to the assistant lost. Reconnecting in {s} s…",
      serverDown: "The server is not reachable. Retrying in {s} s…",
      serviceDown: "The assistant is unavailable right now ({parts}). Retrying in {s} s…",
      degraded: "Some features are limited right now: {parts}.",
      micDenied: "Microphone access was denied. Allow it in the browser's site settings, or type your question.",
      micMissing: "No microphone was found. You can type your question instead.",
      micUnsupported: "This browser cannot record audio here (a secure connection is needed). Type your question instead.",
      audioBlocked: "The browser blocked audio playback. Click anywhere on the page to allow sound.",
      tooLong: "That question is too long (at most {n} characters).",
      requestFailed: "Sorry, the request failed: {detail}",
      noConnection: "Not connected to the assistant. Try again in a moment.",
      signedIn: "Now talking as {name}. A new conversation has started.",
      signedOut: "Anonymous mode. A new conversation has started.",
      signInRefused: "The server did not accept the customer sign-in; the conversation is anonymous.",
      customerOption: "{name} · {city}",
    },
    es: {
      skipToInput: "Ir al cuadro de la pregunta",
      tagline: "Atención al cliente por voz",
      languageLabel: "Idioma",
      languageAuto: "Automático",
      customerLabel: "Sesión como",
      anonymous: "Anónimo",
      messagesLabel: "Conversación",
      emptyHint: "Pregunta por un pedido, un producto, una devolución o tu cuenta. Escribe abajo o mantén pulsada la barra espaciadora para hablar.",
      inputLabel: "Tu pregunta",
      inputPlaceholder: "Escribe tu pregunta…",
      send: "Enviar",
      micStart: "Empezar a hablar",
      micStop: "Dejar de hablar y enviar",
      stop: "Detener la respuesta",
      spaceHint: "Mantén pulsada la barra espaciadora para hablar, o púlsala para empezar y terminar. Esc detiene la respuesta.",
      listening: "Escuchando… suelta la barra espaciadora o pulsa otra vez el micrófono para enviar.",
      transcribing: "Transcribiendo…",
      youSaid: "Has dicho:",
      lookingUp: "Consultando: {names}",
      stopped: "(detenido)",
      latency: "Respondido en {turn} s",
      latencyAudio: "Respondido en {turn} s · primer audio a los {audio} s",
      connecting: "Conectando con el asistente…",
      reconnecting: "Se perdió la conexión con el asistente. Reconectando en {s} s…",
      serverDown: "No se puede contactar con el servidor. Reintentando en {s} s…",
      serviceDown: "El asistente no está disponible ahora ({parts}). Reintentando en {s} s…",
      degraded: "Algunas funciones están limitadas ahora: {parts}.",
      micDenied: "Se denegó el acceso al micrófono. Permítelo en los ajustes del sitio del navegador o escribe tu pregunta.",
      micMissing: "No se encontró ningún micrófono. Puedes escribir tu pregunta.",
      micUnsupported: "Este navegador no puede grabar audio aquí (hace falta una conexión segura). Escribe tu pregunta.",
      audioBlocked: "El navegador bloqueó el audio. Haz clic en la página para permitir el sonido.",
      tooLong: "La pregunta es demasiado larga (máximo {n} caracteres).",
      requestFailed: "Lo siento, la solicitud falló: {detail}",
      noConnection: "No hay conexión con el asistente. Inténtalo de nuevo en un momento.",
      signedIn: "Ahora hablas como {name}. Empieza una conversación nueva.",
      signedOut: "Modo anónimo. Empieza una conversación nueva.",
      signInRefused: "El servidor no aceptó el inicio de sesión del cliente; la conversación es anónima.",
      customerOption: "{name} · {city}",
    },
  };

  const COMPONENT_NAMES = {
    en: { database: "database", llm: "language model", stt: "speech recognition", tts: "spoken answers" },
    es: { database: "base de datos", llm: "modelo de lenguaje", stt: "reconocimiento de voz", tts: "respuestas habladas" },
  };

  const MIC_ICON_PATH =
    '<path d="M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-2.1A7 7 0 0 0 19 12z"></path>';
  const PUSH_TO_TALK_MIN_MS = 350; // a shorter Space press is a tap: it toggles recording instead of holding it
  const RECONNECT_DELAYS_S = [0.5, 1, 2, 4, 8, 15];
  const HEALTH_EVERY_MS = 30000;
  const INTERRUPT_ACK_TIMEOUT_MS = 3000;

  const el = {
    html: document.documentElement,
    banner: document.getElementById("status-banner"),
    messages: document.getElementById("messages"),
    emptyHint: document.getElementById("empty-hint"),
    chat: document.getElementById("chat"),
    transcript: document.getElementById("transcript"),
    form: document.getElementById("composer"),
    input: document.getElementById("chat-input"),
    send: document.getElementById("send-button"),
    mic: document.getElementById("mic-button"),
    stop: document.getElementById("stop-button"),
    language: document.getElementById("language-select"),
    customer: document.getElementById("customer-select"),
    customerField: document.getElementById("customer-field"),
  };

  const apiKey = new URLSearchParams(location.search).get("api_key");

  const state = {
    ws: null,
    reconnectAttempt: 0,
    reconnectTimer: null,
    sessionId: null, // a reload starts a new conversation: the picker is back on "anonymous" then
    customerId: null,
    customers: new Map(),
    maxTextChars: 2000,
    detectedLanguage: (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en",
    turn: null,
    pendingInterrupts: 0,
    interruptTimer: null,
    pendingAudio: null, // the "audio" event whose binary WAV frame comes next
    refused: false,
    recording: null,
    spaceDownAt: null,
    notices: { connection: null, health: null, mic: null, audio: null },
    audioQueue: [],
    currentAudio: null,
  };

  // Read by the browser tests (and handy in the console): what actually happened, not what was intended.
  const probe = {
    audioPlayed: 0,
    audioQueued: 0,
    interrupted: 0,
    lastDone: null,
    turns: 0,
    connected: false,
    get playing() {
      return state.currentAudio !== null && !state.currentAudio.paused;
    },
  };
  window.__apitap = probe;

  // ---- language -----------------------------------------------------------------------------------------------

  function uiLanguage() {
    const chosen = el.language.value;
    return chosen === "en" || chosen === "es" ? chosen : state.detectedLanguage;
  }

  function t(key, vars = {}) {
    const template = STRINGS[uiLanguage()][key] ?? STRINGS.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
  }

  function applyStrings() {
    el.html.lang = uiLanguage();
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll("[data-i18n-aria]")) node.setAttribute("aria-label", t(node.dataset.i18nAria));
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
    el.mic.setAttribute("aria-label", t(state.recording ? "micStop" : "micStart"));
    for (const option of el.customer.options) {
      const customer = state.customers.get(option.value);
      if (customer) option.textContent = customerLabel(customer);
    }
    renderBanner();
  }

  function requestedLanguage() {
    return el.language.value; // "en" | "es" | "auto"
  }

  // ---- banner -------------------------------------------------------------------------------------------------

  function setNotice(kind, notice) {
    state.notices[kind] = notice; // {text, level: "error" | "info"} or null
    renderBanner();
  }

  function renderBanner() {
    const order = ["connection", "mic", "health", "audio"];
    const notices = order.map((kind) => state.notices[kind]).filter(Boolean);
    const notice = notices.find((candidate) => candidate.level === "error") || notices[0];
    if (!notice) {
      el.banner.hidden = true;
      el.banner.textContent = "";
      el.banner.className = "";
      return;
    }
    el.banner.textContent = typeof notice.text === "function" ? notice.text() : notice.text;
    el.banner.className = notice.level === "error" ? "error" : "info";
    el.banner.setAttribute("role", notice.level === "error" ? "alert" : "status");
    el.banner.hidden = false;
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------------

  function authHeaders(extra = {}) {
    return apiKey ? { ...extra, "X-API-Key": apiKey } : extra;
  }

  async function fetchJSON(path, options = {}, timeoutMs = 8000) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(path, { ...options, signal: controller.signal });
      let body = null;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      return { ok: response.ok, status: response.status, body };
    } finally {
      clearTimeout(timer);
    }
  }

  function componentList(components, wanted) {
    const names = COMPONENT_NAMES[uiLanguage()];
    return Object.entries(components || {})
      .filter(([, info]) => info && wanted.includes(info.status))
      .map(([name]) => names[name] || name)
      .join(", ");
  }

  async function checkHealth() {
    let result;
    try {
      result = await fetchJSON("/health", {}, 4000);
    } catch {
      return "unreachable";
    }
    const body = result.body || {};
    if (!result.ok || body.status === "down") {
      return { down: () => componentList(body.components, ["down"]) || String(result.status) };
    }
    if (body.status === "degraded" && componentList(body.components, ["degraded", "down"])) {
      const parts = () => componentList(body.components, ["degraded", "down"]);
      setNotice("health", { text: () => t("degraded", { parts: parts() }), level: "info" });
    } else {
      setNotice("health", null);
    }
    return "ok";
  }

  function customerLabel(customer) {
    if (!customer.city) return customer.first_name;
    return t("customerOption", { name: customer.first_name, city: customer.city });
  }

  // The contract names the field customer_id; the API model calls it id. Either is accepted.
  function customerIdOf(customer) {
    const id = customer.customer_id ?? customer.id;
    return Number.isInteger(id) ? id : null;
  }

  async function loadCustomerPicker() {
    let info;
    try {
      info = (await fetchJSON("/api", { headers: authHeaders() })).body;
    } catch {
      return;
    }
    const maxChars = info && info.limits && info.limits.max_text_chars;
    if (Number.isFinite(maxChars) && maxChars > 0) state.maxTextChars = maxChars;
    if (!info || info.demo_customer_picker !== true) return;
    let result;
    try {
      result = await fetchJSON("/demo/customers", { headers: authHeaders() });
    } catch {
      return;
    }
    if (!result.ok || !Array.isArray(result.body)) return;
    for (const customer of result.body) {
      const id = customerIdOf(customer);
      if (id === null || typeof customer.first_name !== "string") continue;
      const value = String(id);
      state.customers.set(value, customer);
      const option = document.createElement("option");
      option.value = value;
      option.textContent = customerLabel(customer);
      el.customer.append(option);
    }
    el.customerField.hidden = state.customers.size === 0;
  }

  // ---- WebSocket ----------------------------------------------------------------------------------------------

  function socketOpen() {
    return state.ws !== null && state.ws.readyState === WebSocket.OPEN;
  }

  function socketURL() {
    const url = new URL("/ws/voice", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    if (apiKey) url.searchParams.set("api_key", apiKey);
    return url.toString();
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
    let ws;
    try {
      ws = new WebSocket(socketURL());
    } catch {
      scheduleReconnect();
      return;
    }
    ws.binaryType = "arraybuffer";
    state.ws = ws;
    ws.addEventListener("open", () => {
      if (state.ws !== ws) return;
      state.reconnectAttempt = 0;
      probe.connected = true;
      setNotice("connection", null);
      sendStart();
      checkHealth();
    });
    ws.addEventListener("message", (event) => {
      if (state.ws === ws) handleServerFrame(event.data);
    });
    ws.addEventListener("close", () => {
      if (state.ws !== ws) return;
      state.ws = null;
      probe.connected = false;
      state.pendingAudio = null;
      if (state.turn) failTurn(t("noConnection"));
      if (state.recording) state.recording.socket = null;
      scheduleReconnect();
    });
  }

  async function scheduleReconnect() {
    if (state.reconnectTimer || state.refused) return;
    const base = RECONNECT_DELAYS_S[Math.min(state.reconnectAttempt, RECONNECT_DELAYS_S.length - 1)];
    const delayS = Math.round(base * (0.8 + Math.random() * 0.4) * 10) / 10;
    state.reconnectAttempt += 1;
    const seconds = Math.max(1, Math.round(delayS));
    setNotice("connection", { text: () => t("reconnecting", { s: seconds }), level: "error" });
    state.reconnectTimer = setTimeout(connect, delayS * 1000);
    // The close event says nothing about why: ask /health so the banner can tell "server gone" from "model down".
    const health = await checkHealth();
    if (socketOpen()) return;
    if (health === "unreachable") {
      setNotice("connection", { text: () => t("serverDown", { s: seconds }), level: "error" });
    } else if (health && health.down) {
      setNotice("connection", { text: () => t("serviceDown", { parts: health.down(), s: seconds }), level: "error" });
    }
  }

  function sendJSON(message) {
    if (!socketOpen()) return false;
    state.ws.send(JSON.stringify(message));
    return true;
  }

  function sendStart() {
    const message = { type: "start", language: requestedLanguage(), speak: true };
    if (state.sessionId) message.session_id = state.sessionId;
    if (state.customerId !== null) message.customer_id = state.customerId;
    sendJSON(message);
  }

  function handleServerFrame(data) {
    if (typeof data !== "string") {
      handleAudioFrame(data);
      return;
    }
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    const stale = state.pendingInterrupts > 0 && message.type !== "interrupted" && message.type !== "session";
    switch (message.type) {
      case "session":
        rememberSession(message.session_id);
        if (state.customerId !== null && message.customer_id == null) {
          addSystemMessage(t("signInRefused"), true);
          state.customerId = null;
          el.customer.value = "";
        }
        break;
      case "transcript":
        if (stale) break;
        onTranscript(message);
        break;
      case "tool_call":
        if (stale || !state.turn) break;
        state.turn.tools.push(message.name);
        state.turn.toolsEl.textContent = t("lookingUp", { names: state.turn.tools.join(", ") });
        state.turn.toolsEl.hidden = false;
        break;
      case "token":
        if (stale) break;
        ensureTurn().appendToken(message.text);
        break;
      case "audio":
        state.pendingAudio = { meta: message, drop: stale || (state.turn && state.turn.interrupted) };
        break;
      case "done":
        if (stale) break;
        finishTurn(message.result, message.timings_ms, message);
        if (message.audio_error) setNotice("audio", { text: String(message.audio_error), level: "info" });
        break;
      case "interrupted":
        acknowledgeInterrupt();
        break;
      case "error":
        if (message.fatal) {
          // The server refused this socket (e.g. a missing API key): reconnecting cannot help.
          state.refused = true;
          setNotice("connection", { text: String(message.detail), level: "error" });
        }
        if (stale) break;
        onServerError(message.detail);
        break;
      default:
        break;
    }
  }

  function handleAudioFrame(buffer) {
    const pending = state.pendingAudio;
    state.pendingAudio = null;
    if (!pending || pending.drop) return;
    const blob = new Blob([buffer], { type: pending.meta.mime || "audio/wav" });
    enqueueAudio(URL.createObjectURL(blob), true);
  }

  function newSessionId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  function rememberSession(sessionId) {
    if (!sessionId) return;
    state.sessionId = sessionId;
  }

  function onTranscript(message) {
    if (message.language === "en" || message.language === "es") {
      state.detectedLanguage = message.language;
      if (requestedLanguage() === "auto") applyStrings();
    }
    el.transcript.classList.remove("listening");
    el.transcript.textContent = `${t("youSaid")} ${message.text}`;
    addMessage("user", message.text, { spoken: true });
    ensureTurn();
  }

  function onServerError(detail) {
    el.transcript.classList.remove("listening");
    el.transcript.textContent = "";
    if (state.turn) failTurn(detail);
    else addSystemMessage(detail, true);
  }

  // ---- messages and turns -------------------------------------------------------------------------------------

  function scrollToEnd() {
    el.chat.scrollTop = el.chat.scrollHeight;
  }

  function addMessage(role, text, { spoken = false } = {}) {
    const item = document.createElement("li");
    item.className = `message ${role}`;
    if (spoken) {
      const tag = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      tag.setAttribute("class", "spoken-tag");
      tag.setAttribute("viewBox", "0 0 24 24");
      tag.setAttribute("aria-hidden", "true");
      tag.innerHTML = MIC_ICON_PATH;
      item.append(tag);
    }
    const body = document.createElement("span");
    body.className = "body";
    body.textContent = text;
    item.append(body);
    el.messages.append(item);
    el.emptyHint.hidden = true;
    scrollToEnd();
    return item;
  }

  function addSystemMessage(text, isError = false) {
    const item = addMessage("system", text);
    if (isError) item.classList.add("error");
    return item;
  }

  function ensureTurn() {
    if (state.turn) return state.turn;
    const item = document.createElement("li");
    item.className = "message assistant";
    item.setAttribute("aria-busy", "true");
    const toolsEl = document.createElement("span");
    toolsEl.className = "tools";
    toolsEl.hidden = true;
    const body = document.createElement("span");
    body.className = "body";
    item.append(toolsEl, body);
    el.messages.append(item);
    el.emptyHint.hidden = true;
    const turn = {
      item,
      body,
      toolsEl,
      tools: [],
      text: "",
      interrupted: false,
      appendToken(text) {
        if (turn.interrupted) return;
        turn.text += text;
        body.textContent = turn.text;
        scrollToEnd();
      },
    };
    state.turn = turn;
    setNotice("audio", null);
    updateStopButton();
    scrollToEnd();
    return turn;
  }

  function formatSeconds(ms) {
    return (ms / 1000).toFixed(1);
  }

  function finishTurn(result, timings, doneMessage) {
    const turn = ensureTurn();
    const response = result && typeof result.response === "string" ? result.response : turn.text;
    if (!turn.interrupted) turn.body.textContent = response;
    if (result && result.language && requestedLanguage() === "auto") {
      state.detectedLanguage = result.language;
      applyStrings();
    }
    const times = timings || (result && result.timings_ms) || {};
    if (typeof times.turn_ms === "number") {
      const latency = document.createElement("span");
      latency.className = "latency";
      latency.textContent =
        typeof times.first_audio_ms === "number"
          ? t("latencyAudio", { turn: formatSeconds(times.turn_ms), audio: formatSeconds(times.first_audio_ms) })
          : t("latency", { turn: formatSeconds(times.turn_ms) });
      latency.title = Object.entries(times)
        .map(([name, value]) => `${name}: ${Math.round(value)} ms`)
        .join("\n");
      turn.item.append(latency);
    }
    if (result && result.session_id) rememberSession(result.session_id);
    turn.item.removeAttribute("aria-busy");
    state.turn = null;
    if (el.transcript.textContent === t("transcribing")) el.transcript.textContent = "";
    probe.turns += 1;
    probe.lastDone = doneMessage || { result, timings_ms: times };
    updateStopButton();
    scrollToEnd();
  }

  function failTurn(detail) {
    const turn = state.turn;
    if (!turn) return;
    turn.item.classList.add("error");
    turn.body.textContent = turn.text ? `${turn.text}\n${t("requestFailed", { detail })}` : t("requestFailed", { detail });
    turn.item.removeAttribute("aria-busy");
    state.turn = null;
    if (el.transcript.textContent === t("transcribing")) el.transcript.textContent = "";
    updateStopButton();
  }

  // ---- audio playback -----------------------------------------------------------------------------------------

  function enqueueAudio(url, revokeAfter) {
    state.audioQueue.push({ url, revokeAfter });
    probe.audioQueued += 1;
    if (!state.currentAudio) playNext();
    updateStopButton();
  }

  function playNext() {
    const next = state.audioQueue.shift();
    if (!next) {
      state.currentAudio = null;
      updateStopButton();
      return;
    }
    const audio = new Audio(next.url);
    state.currentAudio = audio;
    let counted = false;
    const finish = () => {
      if (next.revokeAfter) URL.revokeObjectURL(next.url);
      if (state.currentAudio === audio) playNext();
    };
    audio.addEventListener("playing", () => {
      if (counted) return;
      counted = true;
      probe.audioPlayed += 1;
    });
    audio.addEventListener("ended", finish);
    audio.addEventListener("error", finish);
    audio.play().catch((error) => {
      if (error && error.name === "NotAllowedError") {
        setNotice("audio", { text: () => t("audioBlocked"), level: "info" });
        document.addEventListener("pointerdown", () => setNotice("audio", null), { once: true });
      }
      finish();
    });
    updateStopButton();
  }

  function stopAudio() {
    const playing = state.currentAudio;
    state.currentAudio = null;
    if (playing) {
      playing.pause();
      playing.removeAttribute("src");
      playing.load();
    }
    for (const queued of state.audioQueue) if (queued.revokeAfter) URL.revokeObjectURL(queued.url);
    state.audioQueue = [];
    updateStopButton();
  }

  // ---- interrupt / barge-in -----------------------------------------------------------------------------------

  function interrupt() {
    stopAudio();
    const turn = state.turn;
    if (turn && sendJSON({ type: "interrupt" })) {
      turn.interrupted = true;
      // Frames of the old turn can still be on the wire; drop them until the server acknowledges.
      state.pendingInterrupts += 1;
      clearTimeout(state.interruptTimer);
      state.interruptTimer = setTimeout(() => {
        state.pendingInterrupts = 0;
      }, INTERRUPT_ACK_TIMEOUT_MS);
    }
    if (turn) {
      const marker = document.createElement("span");
      marker.className = "latency";
      marker.textContent = t("stopped");
      turn.item.append(marker);
      turn.item.removeAttribute("aria-busy");
      state.turn = null;
    }
    updateStopButton();
  }

  function acknowledgeInterrupt() {
    probe.interrupted += 1;
    if (state.pendingInterrupts > 0) state.pendingInterrupts -= 1;
    if (state.pendingInterrupts === 0) clearTimeout(state.interruptTimer);
  }

  function updateStopButton() {
    el.stop.disabled = !(state.turn || state.currentAudio || state.audioQueue.length);
  }

  // ---- typed questions ----------------------------------------------------------------------------------------

  async function submitText(event) {
    event.preventDefault();
    const text = el.input.value.trim();
    if (!text) return;
    if (text.length > state.maxTextChars) {
      addSystemMessage(t("tooLong", { n: state.maxTextChars }), true);
      return;
    }
    if (state.turn || state.currentAudio) interrupt();
    el.input.value = "";
    addMessage("user", text);
    if (sendJSON({ type: "text", text })) {
      ensureTurn();
      return;
    }
    await textQueryOverHTTP(text);
  }

  async function textQueryOverHTTP(text) {
    const turn = ensureTurn();
    const payload = { text, speak: true };
    if (state.sessionId) payload.session_id = state.sessionId;
    if (state.customerId !== null) payload.customer_id = state.customerId;
    if (requestedLanguage() !== "auto") payload.language = requestedLanguage();
    let result;
    try {
      result = await fetchJSON(
        "/text-query",
        { method: "POST", headers: authHeaders({ "Content-Type": "application/json" }), body: JSON.stringify(payload) },
        120000,
      );
    } catch {
      if (state.turn === turn) failTurn(t("noConnection"));
      return;
    }
    if (state.turn !== turn) return; // interrupted meanwhile
    if (!result.ok) {
      failTurn((result.body && typeof result.body.detail === "string" && result.body.detail) || String(result.status));
      return;
    }
    finishTurn(result.body, result.body.timings_ms, { result: result.body, timings_ms: result.body.timings_ms });
    if (result.body.audio_url) enqueueAudio(result.body.audio_url, false);
    else if (result.body.audio_error) setNotice("audio", { text: String(result.body.audio_error), level: "info" });
  }

  // ---- recording ----------------------------------------------------------------------------------------------

  function recorderMimeType() {
    if (typeof MediaRecorder === "undefined") return null;
    for (const type of ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"]) {
      if (MediaRecorder.isTypeSupported(type)) return type;
    }
    return "";
  }

  async function startRecording() {
    if (state.recording) return;
    if (state.turn || state.currentAudio || state.audioQueue.length) interrupt(); // barge-in
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || recorderMimeType() === null) {
      setNotice("mic", { text: () => t("micUnsupported"), level: "error" });
      return;
    }
    const recording = { recorder: null, stream: null, chunks: [], socket: state.ws, sendChain: Promise.resolve(), sentBytes: 0, cancelled: false };
    state.recording = recording;
    setMicState(true);
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
      });
    } catch (error) {
      state.recording = null;
      setMicState(false);
      const key = error && (error.name === "NotAllowedError" || error.name === "SecurityError") ? "micDenied" : "micMissing";
      setNotice("mic", { text: () => t(key), level: "error" });
      return;
    }
    setNotice("mic", null);
    if (recording.cancelled) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    recording.stream = stream;
    const mimeType = recorderMimeType();
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    recording.recorder = recorder;
    recorder.addEventListener("dataavailable", (event) => {
      if (!event.data || event.data.size === 0) return;
      recording.chunks.push(event.data);
      const socket = recording.socket;
      if (!socket) return;
      // Chunks go out strictly in order: each waits for the previous one's bytes.
      recording.sendChain = recording.sendChain
        .then(() => event.data.arrayBuffer())
        .then((buffer) => {
          if (socket.readyState === WebSocket.OPEN && recording.socket === socket) {
            socket.send(buffer);
            recording.sentBytes += buffer.byteLength;
          }
        });
    });
    recorder.addEventListener("stop", () => finishRecording(recording));
    recorder.start(250);
  }

  function stopRecording() {
    const recording = state.recording;
    if (!recording) return;
    state.recording = null;
    setMicState(false);
    if (!recording.recorder) {
      recording.cancelled = true; // permission prompt still open
      return;
    }
    if (recording.recorder.state !== "inactive") recording.recorder.stop();
  }

  async function finishRecording(recording) {
    for (const track of recording.stream.getTracks()) track.stop();
    await recording.sendChain;
    const socket = recording.socket;
    if (socket && socket === state.ws && socket.readyState === WebSocket.OPEN) {
      if (recording.sentBytes === 0) {
        el.transcript.textContent = "";
        return;
      }
      socket.send(JSON.stringify({ type: "end" }));
      el.transcript.textContent = t("transcribing");
      return;
    }
    if (recording.chunks.length === 0) {
      el.transcript.textContent = "";
      return;
    }
    await voiceQueryOverHTTP(new Blob(recording.chunks, { type: recording.recorder.mimeType || "audio/webm" }));
  }

  async function voiceQueryOverHTTP(blob) {
    el.transcript.textContent = t("transcribing");
    const form = new FormData();
    form.append("audio", blob, "question.webm");
    if (state.sessionId) form.append("session_id", state.sessionId);
    if (state.customerId !== null) form.append("customer_id", String(state.customerId));
    if (requestedLanguage() !== "auto") form.append("language", requestedLanguage());
    form.append("speak", "true");
    let result;
    try {
      result = await fetchJSON("/process-voice", { method: "POST", headers: authHeaders(), body: form }, 120000);
    } catch {
      el.transcript.textContent = "";
      addSystemMessage(t("noConnection"), true);
      return;
    }
    const body = result.body || {};
    if (!result.ok) {
      el.transcript.textContent = "";
      addSystemMessage(t("requestFailed", { detail: typeof body.detail === "string" ? body.detail : result.status }), true);
      return;
    }
    const heard = (body.transcription && body.transcription.text) || body.text || "";
    onTranscript({ text: heard, language: body.language });
    finishTurn(body, body.timings_ms, { result: body, timings_ms: body.timings_ms });
    if (body.audio_url) enqueueAudio(body.audio_url, false);
  }

  function setMicState(recording) {
    el.mic.setAttribute("aria-pressed", String(recording));
    el.mic.setAttribute("aria-label", t(recording ? "micStop" : "micStart"));
    if (recording) {
      el.transcript.classList.add("listening");
      el.transcript.textContent = t("listening");
    } else {
      el.transcript.classList.remove("listening");
      if (el.transcript.textContent === t("listening")) el.transcript.textContent = "";
    }
  }

  function toggleRecording() {
    if (state.recording) stopRecording();
    else startRecording();
  }

  // ---- keyboard -----------------------------------------------------------------------------------------------

  // Space talks only where it has no other job: text fields, selects and buttons keep their own Space behaviour.
  function spaceTalksHere(target) {
    if (!(target instanceof Element)) return true;
    if (target.closest("input, textarea, select, button, a, [contenteditable]")) return false;
    return true;
  }

  function onKeyDown(event) {
    if (event.key === "Escape") {
      if (state.recording) stopRecording();
      else if (state.turn || state.currentAudio) interrupt();
      return;
    }
    if (event.code !== "Space" || !spaceTalksHere(event.target)) return;
    event.preventDefault();
    if (event.repeat) return;
    if (state.recording) {
      stopRecording();
      state.spaceDownAt = null;
      return;
    }
    state.spaceDownAt = performance.now();
    startRecording();
  }

  function onKeyUp(event) {
    if (event.code !== "Space" || state.spaceDownAt === null) return;
    event.preventDefault();
    const heldMs = performance.now() - state.spaceDownAt;
    state.spaceDownAt = null;
    if (heldMs >= PUSH_TO_TALK_MIN_MS) stopRecording();
  }

  // ---- settings -----------------------------------------------------------------------------------------------

  function onLanguageChange() {
    localStorage.setItem("apitap.language", el.language.value);
    applyStrings();
    sendStart();
  }

  function onCustomerChange() {
    const value = el.customer.value;
    state.customerId = value === "" ? null : Number(value);
    // A different identity must not inherit the previous caller's conversation: the server keeps the socket's
    // session unless told another id, so the page names a fresh one.
    state.sessionId = newSessionId();
    if (state.turn || state.currentAudio) interrupt();
    const customer = state.customers.get(value);
    addSystemMessage(customer ? t("signedIn", { name: customerLabel(customer) }) : t("signedOut"));
    sendStart();
  }

  // ---- start --------------------------------------------------------------------------------------------------

  function init() {
    const savedLanguage = localStorage.getItem("apitap.language");
    if (savedLanguage && [...el.language.options].some((option) => option.value === savedLanguage)) {
      el.language.value = savedLanguage;
    }
    applyStrings();
    el.form.addEventListener("submit", submitText);
    el.mic.addEventListener("click", toggleRecording);
    el.stop.addEventListener("click", interrupt);
    el.language.addEventListener("change", onLanguageChange);
    el.customer.addEventListener("change", onCustomerChange);
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("keyup", onKeyUp);
    window.addEventListener("online", () => {
      if (!socketOpen()) connect();
    });
    setInterval(() => {
      if (socketOpen()) checkHealth();
    }, HEALTH_EVERY_MS);
    setNotice("connection", { text: () => t("connecting"), level: "info" });
    loadCustomerPicker();
    connect();
  }

  init();
})();
