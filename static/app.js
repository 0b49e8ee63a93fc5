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
      newConversation: "New conversation",
      messagesLabel: "Conversation",
      emptyHint: "Ask about an order, a product, a return or your account. Type below, or hold Space to talk.",
      emptyHintTouch: "Ask about an order, a product, a return or your account. Type below, or tap the microphone to talk.",
      suggestionsLabel: "Try asking:",
      suggestions: [
        "What is your return policy?",
        "How long does shipping take?",
        "Do you have wireless earbuds in stock?",
        "Where is my order?",
      ],
      inputLabel: "Your question",
      inputPlaceholder: "Type your question…",
      send: "Send",
      micStart: "Start talking",
      micStop: "Stop talking and send",
      micLevel: "Microphone level",
      stop: "Stop the answer",
      textOnly: "Text only",
      details: "Details",
      handsFree: "Hands-free",
      spaceHint: "Hold Space to talk, or tap it to start and stop. Esc stops the answer.",
      spaceHintTouch: "Tap the microphone to talk, and tap it again to send.",
      listening: "Release Space, or press the microphone again, to send.",
      listeningTouch: "Tap the microphone again to send.",
      stateListening: "Listening…",
      stateTranscribing: "Working out what you said…",
      stateThinking: "Thinking…",
      stateSpeaking: "Speaking…",
      elapsed: "{s} s",
      stillWorking: "{s} s · still working on it, thanks for waiting",
      youSaid: "You said:",
      lookedUp: "Looked up: {names}",
      stopped: "(stopped)",
      latency: "Answered in {turn} s",
      latencyAudio: "Answered in {turn} s · first audio after {audio} s",
      errorPrefix: "Error:",
      assistantUnavailable: "The assistant could not answer this time.",
      connecting: "Connecting to the assistant…",
      reconnecting: "Connection to the assistant lost. Reconnecting in {s} s…",
      serverDown: "The server is not reachable. Retrying in {s} s…",
      serviceDown: "The assistant is unavailable right now ({parts}). Retrying in {s} s…",
      serviceDownNow: "The assistant cannot answer right now ({parts}). Please try again later.",
      degraded: "Some features are limited right now: {parts}.",
      micDenied: "Microphone access was denied. Allow it in the browser's site settings, or type your question.",
      micMissing: "No microphone was found. You can type your question instead.",
      micUnsupported: "This browser cannot record audio here (a secure connection is needed). Type your question instead.",
      audioBlocked: "The browser blocked audio playback. Click anywhere on the page to allow sound.",
      tooLong: "That question is too long (at most {n} characters).",
      requestFailed: "Sorry, the request failed: {detail}",
      noConnection: "Not connected to the assistant. Try again in a moment.",
      unsentDown: "Not sent: the server is not reachable. Your question is kept here until it is back: “{text}”",
      unsentBack: "The server is back. Send the question you typed earlier? “{text}”",
      sendNow: "Send now",
      discard: "Discard",
      resumed: "Your earlier conversation, restored.",
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
      newConversation: "Nueva conversación",
      messagesLabel: "Conversación",
      emptyHint: "Pregunta por un pedido, un producto, una devolución o tu cuenta. Escribe abajo o mantén pulsada la barra espaciadora para hablar.",
      emptyHintTouch: "Pregunta por un pedido, un producto, una devolución o tu cuenta. Escribe abajo o toca el micrófono para hablar.",
      suggestionsLabel: "Puedes preguntar:",
      suggestions: [
        "¿Cuál es la política de devoluciones?",
        "¿Cuánto tarda el envío?",
        "¿Tienen auriculares inalámbricos disponibles?",
        "¿Dónde está mi pedido?",
      ],
      inputLabel: "Tu pregunta",
      inputPlaceholder: "Escribe tu pregunta…",
      send: "Enviar",
      micStart: "Empezar a hablar",
      micStop: "Dejar de hablar y enviar",
      micLevel: "Nivel del micrófono",
      stop: "Detener la respuesta",
      textOnly: "Solo texto",
      details: "Detalles",
      handsFree: "Manos libres",
      spaceHint: "Mantén pulsada la barra espaciadora para hablar, o púlsala para empezar y terminar. Esc detiene la respuesta.",
      spaceHintTouch: "Toca el micrófono para hablar y tócalo otra vez para enviar.",
      listening: "Suelta la barra espaciadora, o pulsa otra vez el micrófono, para enviar.",
      listeningTouch: "Toca otra vez el micrófono para enviar.",
      stateListening: "Escuchando…",
      stateTranscribing: "Entendiendo lo que has dicho…",
      stateThinking: "Pensando…",
      stateSpeaking: "Hablando…",
      elapsed: "{s} s",
      stillWorking: "{s} s · sigo con ello, gracias por esperar",
      youSaid: "Has dicho:",
      lookedUp: "Consultado: {names}",
      stopped: "(detenido)",
      latency: "Respondido en {turn} s",
      latencyAudio: "Respondido en {turn} s · primer audio a los {audio} s",
      errorPrefix: "Error:",
      assistantUnavailable: "El asistente no ha podido responder esta vez.",
      connecting: "Conectando con el asistente…",
      reconnecting: "Se perdió la conexión con el asistente. Reconectando en {s} s…",
      serverDown: "No se puede contactar con el servidor. Reintentando en {s} s…",
      serviceDown: "El asistente no está disponible ahora ({parts}). Reintentando en {s} s…",
      serviceDownNow: "El asistente no puede responder ahora ({parts}). Inténtalo más tarde.",
      degraded: "Algunas funciones están limitadas ahora: {parts}.",
      micDenied: "Se denegó el acceso al micrófono. Permítelo en los ajustes del sitio del navegador o escribe tu pregunta.",
      micMissing: "No se encontró ningún micrófono. Puedes escribir tu pregunta.",
      micUnsupported: "Este navegador no puede grabar audio aquí (hace falta una conexión segura). Escribe tu pregunta.",
      audioBlocked: "El navegador bloqueó el audio. Haz clic en la página para permitir el sonido.",
      tooLong: "La pregunta es demasiado larga (máximo {n} caracteres).",
      requestFailed: "Lo siento, la solicitud falló: {detail}",
      noConnection: "No hay conexión con el asistente. Inténtalo de nuevo en un momento.",
      unsentDown: "No enviada: no se puede contactar con el servidor. Guardamos tu pregunta hasta que vuelva: «{text}»",
      unsentBack: "El servidor ha vuelto. ¿Enviamos la pregunta que escribiste? «{text}»",
      sendNow: "Enviar ahora",
      discard: "Descartar",
      resumed: "Tu conversación anterior, recuperada.",
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

  const SVG_NS = "http://www.w3.org/2000/svg";
  const MIC_ICON_PATH =
    "M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-2.1A7 7 0 0 0 19 12z";
  const PUSH_TO_TALK_MIN_MS = 350; // a shorter Space press is a tap: it toggles recording instead of holding it
  const RECONNECT_DELAYS_S = [0.5, 1, 2, 4, 8, 15];
  const HEALTH_EVERY_MS = 30000;
  const INTERRUPT_ACK_TIMEOUT_MS = 3000;
  // A wait shows its seconds once it is long enough to wonder about, and a reassurance once it is long.
  const ELAPSED_AFTER_S = 3;
  const STILL_WORKING_AFTER_S = 15;
  const METER_BARS = 8;
  const METER_FLOOR_DB = -60; // quieter than this is silence on the meter
  const ISSUED_SESSION_ID = /^[0-9a-f]{32}$/; // the only ids the server will read a history for
  const KEYS = {
    language: "apitap.language",
    session: "apitap.session",
    textOnly: "apitap.textOnly",
    details: "apitap.details",
    unsent: "apitap.unsent",
  };

  const el = {
    html: document.documentElement,
    body: document.body,
    banner: document.getElementById("status-banner"),
    messages: document.getElementById("messages"),
    welcome: document.getElementById("welcome"),
    suggestions: document.getElementById("suggestions"),
    chat: document.getElementById("chat"),
    activity: document.getElementById("activity"),
    activityLabel: document.getElementById("activity-label"),
    activityElapsed: document.getElementById("activity-elapsed"),
    micLevel: document.getElementById("mic-level"),
    transcript: document.getElementById("transcript"),
    form: document.getElementById("composer"),
    input: document.getElementById("chat-input"),
    send: document.getElementById("send-button"),
    mic: document.getElementById("mic-button"),
    stop: document.getElementById("stop-button"),
    language: document.getElementById("language-select"),
    customer: document.getElementById("customer-select"),
    customerField: document.getElementById("customer-field"),
    newConversation: document.getElementById("new-conversation"),
    textOnly: document.getElementById("text-only-toggle"),
    details: document.getElementById("details-toggle"),
    unsent: document.getElementById("unsent"),
    unsentText: document.getElementById("unsent-text"),
    unsentSend: document.getElementById("unsent-send"),
    unsentDiscard: document.getElementById("unsent-discard"),
  };

  const apiKey = new URLSearchParams(location.search).get("api_key");
  // Touch wording where the main pointer is a finger: a laptop with a touch screen still has a keyboard and mouse.
  const touchFirst = window.matchMedia("(hover: none) and (pointer: coarse)").matches;

  const state = {
    ws: null,
    reconnectAttempt: 0,
    reconnectTimer: null,
    sessionId: null,
    customerId: null,
    customers: new Map(),
    pickerLoaded: false,
    historyLoaded: false,
    historyPending: false,
    maxTextChars: 2000,
    detectedLanguage: (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en",
    turn: null,
    transcribing: false,
    pendingInterrupts: 0,
    interruptTimer: null,
    pendingAudio: null, // the "audio" event whose binary WAV frame comes next
    startsInFlight: [], // the customer id each unanswered `start` asked for
    refused: false,
    recording: null,
    spaceDownAt: null,
    notices: { connection: null, health: null, mic: null, audio: null },
    audioQueue: [],
    currentAudio: null,
    speakingItem: null,
    textOnly: false,
    details: false,
    unsent: null,
    activity: "idle",
    waitSince: null,
  };

  // Read by the browser tests (and handy in the console): what actually happened, not what was intended.
  const probe = {
    audioPlayed: 0,
    audioQueued: 0,
    interrupted: 0,
    lastDone: null,
    turns: 0,
    connected: false,
    statesSeen: [],
    micPeakLevel: 0,
    lastStart: null,
    restored: 0,
    get activity() {
      return state.activity;
    },
    get sessionId() {
      return state.sessionId;
    },
    get startsPending() {
      return state.startsInFlight.length;
    },
    get playing() {
      return state.currentAudio !== null && !state.currentAudio.paused;
    },
  };
  window.__apitap = probe;

  // ---- storage (private modes may refuse it: the page then simply forgets) ------------------------------------

  const store = {
    get(key) {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, value);
      } catch {
        /* nothing kept: the page still works */
      }
    },
    remove(key) {
      try {
        localStorage.removeItem(key);
      } catch {
        /* nothing kept */
      }
    },
  };

  // ---- language -----------------------------------------------------------------------------------------------

  function uiLanguage() {
    const chosen = el.language.value;
    return chosen === "en" || chosen === "es" ? chosen : state.detectedLanguage;
  }

  function lookup(key) {
    const strings = STRINGS[uiLanguage()];
    if (touchFirst && strings[`${key}Touch`] !== undefined) return strings[`${key}Touch`];
    return strings[key] ?? STRINGS.en[key];
  }

  function t(key, vars = {}) {
    const template = lookup(key) ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
  }

  function applyStrings() {
    el.html.lang = uiLanguage();
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll("[data-i18n-aria]")) node.setAttribute("aria-label", t(node.dataset.i18nAria));
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
    el.mic.setAttribute("aria-label", t(state.recording ? "micStop" : "micStart"));
    if (state.recording) el.transcript.textContent = t("listening");
    for (const option of el.customer.options) {
      const customer = state.customers.get(option.value);
      if (customer) option.textContent = customerLabel(customer);
    }
    renderSuggestions();
    renderBanner();
    renderUnsent();
    renderActivity(true);
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

  // ---- what the assistant is doing ----------------------------------------------------------------------------

  function currentActivity() {
    if (state.recording) return "listening";
    if (state.currentAudio) return "speaking";
    if (state.transcribing) return "transcribing";
    if (state.turn) return "thinking";
    return "idle";
  }

  const ACTIVITY_LABELS = {
    listening: "stateListening",
    transcribing: "stateTranscribing",
    thinking: "stateThinking",
    speaking: "stateSpeaking",
  };

  function renderActivity(force = false) {
    const activity = currentActivity();
    const waiting = activity === "thinking" || activity === "transcribing";
    if (activity !== state.activity || force) {
      if (waiting && state.waitSince === null) state.waitSince = Date.now();
      if (!waiting) state.waitSince = null;
      state.activity = activity;
      el.activity.dataset.state = activity;
      el.activityLabel.textContent = ACTIVITY_LABELS[activity] ? t(ACTIVITY_LABELS[activity]) : "";
      if (probe.statesSeen[probe.statesSeen.length - 1] !== activity) probe.statesSeen.push(activity);
    }
    for (const item of el.messages.querySelectorAll(".message.speaking")) {
      if (item !== state.speakingItem || activity !== "speaking") item.classList.remove("speaking");
    }
    if (activity === "speaking" && state.speakingItem) state.speakingItem.classList.add("speaking");
    renderElapsed();
  }

  function renderElapsed() {
    const seconds = state.waitSince === null ? 0 : Math.floor((Date.now() - state.waitSince) / 1000);
    let text = "";
    if (seconds >= STILL_WORKING_AFTER_S) text = t("stillWorking", { s: seconds });
    else if (seconds >= ELAPSED_AFTER_S) text = t("elapsed", { s: seconds });
    if (el.activityElapsed.textContent !== text) el.activityElapsed.textContent = text;
    el.activity.classList.toggle("long-wait", seconds >= STILL_WORKING_AFTER_S);
  }

  function setTranscribing(on) {
    state.transcribing = on;
    renderActivity();
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

  function detailOf(result) {
    const detail = result.body && result.body.detail;
    return typeof detail === "string" && detail ? detail : `HTTP ${result.status}`;
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
      const down = () => componentList(body.components, ["down"]) || String(result.status);
      // Connected but the assistant cannot answer (say, the language model is unreachable): questions will fail.
      setNotice("health", { text: () => t("serviceDownNow", { parts: down() }), level: "error" });
      return { down };
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
      return; // tried again when the socket connects
    }
    const maxChars = info && info.limits && info.limits.max_text_chars;
    if (Number.isFinite(maxChars) && maxChars > 0) state.maxTextChars = maxChars;
    if (!info || info.demo_customer_picker !== true) {
      state.pickerLoaded = true;
      forgetUnofferedCustomer();
      return;
    }
    let result;
    try {
      result = await fetchJSON("/demo/customers", { headers: authHeaders() });
    } catch {
      return;
    }
    state.pickerLoaded = true;
    if (!result.ok || !Array.isArray(result.body)) return;
    for (const customer of result.body) {
      const id = customerIdOf(customer);
      if (id === null || typeof customer.first_name !== "string") continue;
      const value = String(id);
      if (state.customers.has(value)) continue;
      state.customers.set(value, customer);
      const option = document.createElement("option");
      option.value = value;
      option.textContent = customerLabel(customer);
      el.customer.append(option);
    }
    el.customerField.hidden = state.customers.size === 0;
    forgetUnofferedCustomer();
  }

  // A conversation restored after a reload keeps the customer it was held as while the picker still offers them;
  // otherwise it must not go on under their identity, so a new anonymous one starts.
  function forgetUnofferedCustomer() {
    if (state.customerId === null) return;
    if (state.customers.has(String(state.customerId))) {
      el.customer.value = String(state.customerId);
      return;
    }
    state.customerId = null;
    el.customer.value = "";
    startNewConversation();
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
    state.startsInFlight = [];
    ws.addEventListener("open", () => {
      if (state.ws !== ws) return;
      state.reconnectAttempt = 0;
      probe.connected = true;
      setNotice("connection", null);
      sendStart();
      checkHealth();
      if (!state.pickerLoaded) loadCustomerPicker();
      if (!state.historyLoaded) restoreConversation();
      renderUnsent();
    });
    ws.addEventListener("message", (event) => {
      if (state.ws === ws) handleServerFrame(event.data);
    });
    ws.addEventListener("close", () => {
      if (state.ws !== ws) return;
      state.ws = null;
      probe.connected = false;
      state.pendingAudio = null;
      if (state.turn) lostTurn();
      setTranscribing(false);
      if (state.recording) state.recording.socket = null;
      renderUnsent();
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
    const message = { type: "start", language: requestedLanguage(), speak: !state.textOnly };
    if (state.sessionId) message.session_id = state.sessionId;
    if (state.customerId !== null) message.customer_id = state.customerId;
    if (!sendJSON(message)) return;
    probe.lastStart = message;
    state.startsInFlight.push(message.customer_id ?? null);
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
      case "session": {
        // One `session` answers each `start`, in order: a refusal is judged against the start it answers, not
        // against a customer chosen since.
        const requested = state.startsInFlight.length ? state.startsInFlight.shift() : state.customerId;
        if (state.startsInFlight.length) break; // a newer start is on its way: its answer is the one that counts
        rememberSession(message.session_id);
        if (requested !== null && requested === state.customerId && message.customer_id == null) {
          state.customerId = null;
          el.customer.value = "";
          startNewConversation();
          addSystemMessage(t("signInRefused"), true);
        }
        break;
      }
      case "transcript":
        if (stale) break;
        onTranscript(message);
        break;
      case "tool_call":
        if (stale || !state.turn) break;
        state.turn.tools.push(message.name);
        showTools(state.turn);
        break;
      case "token":
        if (stale) break;
        ensureTurn().appendToken(message.text);
        break;
      case "audio":
        state.pendingAudio = {
          meta: message,
          drop: stale || state.textOnly || (state.turn && state.turn.interrupted),
          item: state.turn ? state.turn.item : null,
        };
        break;
      case "done":
        if (stale) break;
        finishTurn(message.result, message.timings_ms, message);
        if (message.audio_error && !state.textOnly) setNotice("audio", { text: String(message.audio_error), level: "info" });
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
        onServerError(String(message.detail));
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
    enqueueAudio(URL.createObjectURL(blob), true, pending.item);
  }

  // ---- the conversation's identity and history ---------------------------------------------------------------

  function newSessionId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  function saveSession() {
    if (!state.sessionId) return;
    store.set(KEYS.session, JSON.stringify({ id: state.sessionId, customerId: state.customerId }));
  }

  function loadSession() {
    let saved;
    try {
      saved = JSON.parse(store.get(KEYS.session) || "null");
    } catch {
      saved = null;
    }
    if (!saved || typeof saved.id !== "string" || !ISSUED_SESSION_ID.test(saved.id)) {
      state.historyLoaded = true; // nothing to restore
      return;
    }
    state.sessionId = saved.id;
    state.customerId = Number.isInteger(saved.customerId) ? saved.customerId : null;
    state.historyPending = true;
  }

  function rememberSession(sessionId) {
    if (!sessionId) return;
    state.sessionId = sessionId;
    saveSession();
  }

  async function restoreConversation() {
    const sessionId = state.sessionId;
    if (state.historyLoaded || !sessionId) return;
    let result;
    try {
      result = await fetchJSON(`/sessions/${sessionId}/messages`, { headers: authHeaders() });
    } catch {
      state.historyPending = false; // the server is away: show the welcome meanwhile, try again on reconnect
      updateWelcome();
      return;
    }
    if (state.sessionId !== sessionId || state.historyLoaded) return;
    if (result.status >= 500 || result.status === 429) {
      state.historyPending = false; // not this conversation's fault: try again on the next connection
      updateWelcome();
      return;
    }
    state.historyLoaded = true;
    state.historyPending = false;
    const earlier = result.ok && result.body && Array.isArray(result.body.messages) ? result.body.messages : [];
    const items = [];
    for (const said of earlier) {
      if (!said || typeof said.text !== "string") continue;
      const role = said.role === "caller" ? "user" : said.role === "assistant" ? "assistant" : null;
      if (role) items.push(messageItem(role, said.text, { restored: true }));
    }
    if (items.length) {
      const divider = messageItem("system", t("resumed"));
      divider.classList.add("resumed");
      el.messages.prepend(...items, divider);
      probe.restored = items.length;
      scrollToEnd();
    }
    updateWelcome();
  }

  function startNewConversation() {
    if (state.turn || state.currentAudio || state.audioQueue.length) interrupt();
    state.sessionId = newSessionId();
    state.historyLoaded = true;
    state.historyPending = false;
    saveSession();
    el.messages.replaceChildren();
    el.transcript.textContent = "";
    updateWelcome();
    sendStart();
  }

  // ---- messages and turns -------------------------------------------------------------------------------------

  function scrollToEnd() {
    el.chat.scrollTop = el.chat.scrollHeight;
  }

  function updateWelcome() {
    const talked = el.messages.querySelector(".message.user, .message.assistant") !== null;
    el.welcome.hidden = talked || state.historyPending;
  }

  function renderSuggestions() {
    const questions = lookup("suggestions") || [];
    el.suggestions.replaceChildren(
      ...questions.map((question) => {
        const item = document.createElement("li");
        const chip = document.createElement("button");
        chip.type = "button";
        chip.className = "chip";
        chip.textContent = question;
        chip.addEventListener("click", () => ask(question));
        item.append(chip);
        return item;
      }),
    );
  }

  function icon(path, className) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", className);
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const shape = document.createElementNS(SVG_NS, "path");
    shape.setAttribute("d", path);
    svg.append(shape);
    return svg;
  }

  function messageItem(role, text, { spoken = false, restored = false } = {}) {
    const item = document.createElement("li");
    item.className = `message ${role}`;
    if (restored) item.classList.add("restored");
    if (spoken) item.append(icon(MIC_ICON_PATH, "spoken-tag"));
    const body = document.createElement("span");
    body.className = "body";
    body.textContent = text;
    item.append(body);
    return item;
  }

  function addMessage(role, text, options = {}) {
    const item = messageItem(role, text, options);
    el.messages.append(item);
    updateWelcome();
    scrollToEnd();
    return item;
  }

  function markError(item) {
    item.classList.add("error");
    const prefix = document.createElement("span");
    prefix.className = "visually-hidden";
    prefix.textContent = `${t("errorPrefix")} `;
    item.prepend(prefix);
  }

  function addSystemMessage(text, isError = false) {
    const item = addMessage("system", text);
    if (isError) {
      markError(item);
      item.setAttribute("role", "alert");
    }
    return item;
  }

  function ensureTurn() {
    if (state.turn) return state.turn;
    const item = document.createElement("li");
    item.className = "message assistant";
    item.setAttribute("aria-busy", "true");
    const toolsEl = document.createElement("span");
    toolsEl.className = "tools";
    const body = document.createElement("span");
    body.className = "body";
    const dots = document.createElement("span");
    dots.className = "typing";
    dots.setAttribute("aria-hidden", "true");
    dots.append(document.createElement("i"), document.createElement("i"), document.createElement("i"));
    item.append(toolsEl, body, dots);
    el.messages.append(item);
    const turn = {
      item,
      body,
      toolsEl,
      tools: [],
      text: "",
      question: null,
      userItem: null,
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
    updateWelcome();
    renderActivity();
    scrollToEnd();
    return turn;
  }

  function showTools(turn) {
    turn.toolsEl.textContent = turn.tools.length ? t("lookedUp", { names: turn.tools.join(", ") }) : "";
  }

  function formatSeconds(ms) {
    return (ms / 1000).toFixed(1);
  }

  function timingsElement(times) {
    const latency = document.createElement("span");
    latency.className = "latency";
    const turnMs = typeof times.turn_ms === "number" ? times.turn_ms : times.total;
    const firstAudioMs = typeof times.first_audio_ms === "number" ? times.first_audio_ms : times.tts_first_audio;
    if (typeof turnMs === "number") {
      const summary = document.createElement("span");
      summary.className = "latency-summary";
      summary.textContent =
        typeof firstAudioMs === "number"
          ? t("latencyAudio", { turn: formatSeconds(turnMs), audio: formatSeconds(firstAudioMs) })
          : t("latency", { turn: formatSeconds(turnMs) });
      latency.append(summary);
    }
    const stages = Object.entries(times).filter(([, value]) => typeof value === "number");
    if (stages.length) {
      const breakdown = document.createElement("span");
      breakdown.className = "timings";
      breakdown.textContent = stages.map(([name, value]) => `${name.replace(/_ms$/, "")} ${Math.round(value)} ms`).join(" · ");
      latency.append(breakdown);
    }
    return latency;
  }

  // Why a turn that did come back is not an answer (e.g. "llm_unavailable": the model overloaded, timed out or
  // unreachable, and `response` is an apology), or null.
  function turnProblem(result) {
    const error = result && result.error;
    return typeof error === "string" && error ? error : null;
  }

  function settleTurn(turn) {
    turn.item.removeAttribute("aria-busy");
    turn.item.classList.add("settled");
    if (state.turn === turn) state.turn = null;
    setTranscribing(false);
    updateStopButton();
    renderActivity();
  }

  function finishTurn(result, timings, doneMessage) {
    const turn = ensureTurn();
    const response = result && typeof result.response === "string" ? result.response : turn.text;
    if (!turn.interrupted) turn.body.textContent = response;
    if (result && result.language && requestedLanguage() === "auto") {
      state.detectedLanguage = result.language;
      applyStrings();
    }
    if (!turn.tools.length && result && Array.isArray(result.tool_calls)) {
      turn.tools = result.tool_calls.map((call) => call && call.name).filter(Boolean);
      showTools(turn);
    }
    // The agent's own stages (result.timings_ms) and, over the socket, the whole turn as the server saw it.
    const times = { ...((result && result.timings_ms) || {}), ...(timings || {}) };
    turn.item.append(timingsElement(times));
    const problem = turnProblem(result);
    if (problem) {
      markError(turn.item);
      turn.item.setAttribute("role", "alert");
      turn.item.dataset.problem = problem;
    }
    if (result && result.session_id) rememberSession(result.session_id);
    if (turn.question !== null && turn.question === state.unsent) clearUnsent();
    probe.turns += 1;
    probe.lastDone = doneMessage || { result, timings_ms: times };
    settleTurn(turn);
    scrollToEnd();
  }

  function failTurn(detail) {
    const turn = state.turn;
    if (!turn) return;
    turn.body.textContent = turn.text ? `${turn.text}\n${t("requestFailed", { detail })}` : t("requestFailed", { detail });
    markError(turn.item);
    turn.item.setAttribute("role", "alert");
    settleTurn(turn);
  }

  // The connection went away during a turn. A question that got nothing back is kept to send again; an answer that
  // had started is marked as cut off.
  function lostTurn() {
    const turn = state.turn;
    if (turn.question !== null && !turn.text && !turn.tools.length) keepUnsent(turn);
    else failTurn(t("noConnection"));
  }

  // ---- an unsent question -------------------------------------------------------------------------------------

  function keepUnsent(turn) {
    const question = turn.question;
    turn.item.remove();
    if (turn.userItem) turn.userItem.remove();
    if (state.turn === turn) state.turn = null;
    state.unsent = question;
    store.set(KEYS.unsent, question);
    if (!el.input.value.trim()) el.input.value = question;
    setTranscribing(false);
    updateStopButton();
    updateWelcome();
    renderActivity();
    renderUnsent();
  }

  function clearUnsent() {
    state.unsent = null;
    store.remove(KEYS.unsent);
    renderUnsent();
  }

  function renderUnsent() {
    if (!state.unsent) {
      el.unsent.hidden = true;
      return;
    }
    const back = socketOpen();
    el.unsent.classList.toggle("back", back);
    el.unsentText.textContent = t(back ? "unsentBack" : "unsentDown", { text: state.unsent });
    el.unsentSend.disabled = !back;
    el.unsent.hidden = false;
  }

  function sendUnsent() {
    const question = state.unsent;
    if (!question) return;
    if (el.input.value.trim() === question) el.input.value = "";
    ask(question);
  }

  function discardUnsent() {
    if (el.input.value.trim() === state.unsent) el.input.value = "";
    clearUnsent();
    el.input.focus();
  }

  function onTranscript(message) {
    if (message.language === "en" || message.language === "es") {
      state.detectedLanguage = message.language;
      if (requestedLanguage() === "auto") applyStrings();
    }
    el.transcript.classList.remove("listening");
    el.transcript.textContent = `${t("youSaid")} ${message.text}`;
    const userItem = addMessage("user", message.text, { spoken: true });
    state.transcribing = false;
    const turn = ensureTurn();
    turn.question = message.text;
    turn.userItem = userItem;
  }

  function onServerError(detail) {
    el.transcript.classList.remove("listening");
    el.transcript.textContent = "";
    setTranscribing(false);
    if (state.turn) failTurn(detail);
    else addSystemMessage(detail, true);
  }

  // ---- audio playback -----------------------------------------------------------------------------------------

  function enqueueAudio(url, revokeAfter, item = null) {
    if (state.textOnly) {
      if (revokeAfter) URL.revokeObjectURL(url);
      return;
    }
    state.audioQueue.push({ url, revokeAfter, item });
    probe.audioQueued += 1;
    if (!state.currentAudio) playNext();
    updateStopButton();
  }

  function playNext() {
    const next = state.audioQueue.shift();
    if (!next) {
      state.currentAudio = null;
      state.speakingItem = null;
      updateStopButton();
      renderActivity();
      return;
    }
    const audio = new Audio(next.url);
    state.currentAudio = audio;
    state.speakingItem = next.item;
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
    renderActivity();
  }

  function stopAudio() {
    const playing = state.currentAudio;
    state.currentAudio = null;
    state.speakingItem = null;
    if (playing) {
      playing.pause();
      playing.removeAttribute("src");
      playing.load();
    }
    for (const queued of state.audioQueue) if (queued.revokeAfter) URL.revokeObjectURL(queued.url);
    state.audioQueue = [];
    updateStopButton();
    renderActivity();
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
      marker.className = "stopped-note";
      marker.textContent = t("stopped");
      turn.item.append(marker);
      settleTurn(turn);
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

  function submitText(event) {
    event.preventDefault();
    const text = el.input.value.trim();
    if (!text) return;
    if (text.length > state.maxTextChars) {
      addSystemMessage(t("tooLong", { n: state.maxTextChars }), true);
      return;
    }
    el.input.value = "";
    ask(text);
  }

  async function ask(text) {
    if (state.turn || state.currentAudio) interrupt();
    if (state.unsent) clearUnsent();
    const userItem = addMessage("user", text);
    const turn = ensureTurn();
    turn.question = text;
    turn.userItem = userItem;
    if (sendJSON({ type: "text", text })) return;
    await textQueryOverHTTP(text, turn);
  }

  async function textQueryOverHTTP(text, turn) {
    const payload = { text, speak: !state.textOnly };
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
      if (state.turn === turn) keepUnsent(turn);
      return;
    }
    if (state.turn !== turn) return; // interrupted meanwhile
    if (!result.ok) {
      failTurn(detailOf(result));
      return;
    }
    finishTurn(result.body, result.body.timings_ms, { result: result.body, timings_ms: result.body.timings_ms });
    if (result.body.audio_url) enqueueAudio(result.body.audio_url, false, turn.item);
    else if (result.body.audio_error && !state.textOnly) {
      setNotice("audio", { text: String(result.body.audio_error), level: "info" });
    }
  }

  // ---- recording ----------------------------------------------------------------------------------------------

  function recorderMimeType() {
    if (typeof MediaRecorder === "undefined") return null;
    for (const type of ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"]) {
      if (MediaRecorder.isTypeSupported(type)) return type;
    }
    return "";
  }

  // The level of the microphone as 0…METER_BARS lit bars, from the loudness of the last few milliseconds.
  function startLevelMeter(stream) {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    let context;
    try {
      context = new Context();
    } catch {
      return null;
    }
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    context.resume().catch(() => {});
    const samples = new Float32Array(analyser.fftSize);
    const show = (level) => {
      el.micLevel.dataset.level = String(level);
      el.micLevel.setAttribute("aria-valuenow", String(level));
    };
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
      const level = Math.max(0, Math.min(METER_BARS, Math.round(((db - METER_FLOOR_DB) / -METER_FLOOR_DB) * METER_BARS)));
      probe.micPeakLevel = Math.max(probe.micPeakLevel, level);
      show(level);
    }, 80);
    show(0);
    el.micLevel.hidden = false;
    return {
      stop() {
        clearInterval(timer);
        context.close().catch(() => {});
        show(0);
        el.micLevel.hidden = true;
      },
    };
  }

  async function startRecording() {
    if (state.recording) return;
    if (state.turn || state.currentAudio || state.audioQueue.length) interrupt(); // barge-in
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || recorderMimeType() === null) {
      setNotice("mic", { text: () => t("micUnsupported"), level: "error" });
      return;
    }
    const recording = {
      recorder: null, stream: null, meter: null, chunks: [], socket: state.ws, sendChain: Promise.resolve(),
      sentBytes: 0, cancelled: false,
    };
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
    recording.meter = startLevelMeter(stream);
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
    if (recording.meter) recording.meter.stop();
    if (!recording.recorder) {
      setMicState(false);
      recording.cancelled = true; // permission prompt still open
      return;
    }
    state.transcribing = true; // until finishRecording knows whether anything was recorded
    setMicState(false);
    if (recording.recorder.state !== "inactive") recording.recorder.stop();
  }

  async function finishRecording(recording) {
    for (const track of recording.stream.getTracks()) track.stop();
    await recording.sendChain;
    const socket = recording.socket;
    if (socket && socket === state.ws && socket.readyState === WebSocket.OPEN) {
      if (recording.sentBytes === 0) {
        el.transcript.textContent = "";
        setTranscribing(false);
        return;
      }
      socket.send(JSON.stringify({ type: "end" }));
      el.transcript.textContent = "";
      setTranscribing(true);
      return;
    }
    if (recording.chunks.length === 0) {
      el.transcript.textContent = "";
      setTranscribing(false);
      return;
    }
    await voiceQueryOverHTTP(new Blob(recording.chunks, { type: recording.recorder.mimeType || "audio/webm" }));
  }

  async function voiceQueryOverHTTP(blob) {
    el.transcript.textContent = "";
    setTranscribing(true);
    const form = new FormData();
    form.append("audio", blob, "question.webm");
    if (state.sessionId) form.append("session_id", state.sessionId);
    if (state.customerId !== null) form.append("customer_id", String(state.customerId));
    if (requestedLanguage() !== "auto") form.append("language", requestedLanguage());
    form.append("speak", String(!state.textOnly));
    let result;
    try {
      result = await fetchJSON("/process-voice", { method: "POST", headers: authHeaders(), body: form }, 120000);
    } catch {
      setTranscribing(false);
      addSystemMessage(t("noConnection"), true);
      return;
    }
    const body = result.body || {};
    if (!result.ok) {
      setTranscribing(false);
      addSystemMessage(t("requestFailed", { detail: detailOf(result) }), true);
      return;
    }
    const heard = (body.transcription && body.transcription.text) || body.text || "";
    onTranscript({ text: heard, language: body.language });
    const turn = state.turn;
    finishTurn(body, body.timings_ms, { result: body, timings_ms: body.timings_ms });
    if (body.audio_url) enqueueAudio(body.audio_url, false, turn ? turn.item : null);
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
    renderActivity();
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
    store.set(KEYS.language, el.language.value);
    applyStrings();
    sendStart();
  }

  function onCustomerChange() {
    const value = el.customer.value;
    state.customerId = value === "" ? null : Number(value);
    // A different identity must not inherit the previous caller's conversation: the server keeps the socket's
    // session unless told another id, so the page names a fresh one.
    startNewConversation();
    const customer = state.customers.get(value);
    addSystemMessage(customer ? t("signedIn", { name: customerLabel(customer) }) : t("signedOut"));
  }

  function setTextOnly(on) {
    state.textOnly = on;
    el.textOnly.setAttribute("aria-pressed", String(on));
    el.body.classList.toggle("text-only", on);
    store.set(KEYS.textOnly, on ? "1" : "0");
    if (on) stopAudio();
  }

  function setDetails(on) {
    state.details = on;
    el.details.setAttribute("aria-pressed", String(on));
    el.body.classList.toggle("details-on", on);
    store.set(KEYS.details, on ? "1" : "0");
  }

  // ---- start --------------------------------------------------------------------------------------------------

  function init() {
    const savedLanguage = store.get(KEYS.language);
    if (savedLanguage && [...el.language.options].some((option) => option.value === savedLanguage)) {
      el.language.value = savedLanguage;
    }
    el.html.classList.toggle("touch", touchFirst);
    setTextOnly(store.get(KEYS.textOnly) === "1");
    setDetails(store.get(KEYS.details) === "1");
    loadSession();
    state.unsent = store.get(KEYS.unsent) || null;
    if (state.unsent) el.input.value = state.unsent;
    applyStrings();
    updateWelcome();
    el.form.addEventListener("submit", submitText);
    el.mic.addEventListener("click", toggleRecording);
    el.stop.addEventListener("click", interrupt);
    el.language.addEventListener("change", onLanguageChange);
    el.customer.addEventListener("change", onCustomerChange);
    el.newConversation.addEventListener("click", () => {
      startNewConversation();
      el.input.focus();
    });
    el.textOnly.addEventListener("click", () => {
      setTextOnly(!state.textOnly);
      sendStart();
    });
    el.details.addEventListener("click", () => setDetails(!state.details));
    el.unsentSend.addEventListener("click", sendUnsent);
    el.unsentDiscard.addEventListener("click", discardUnsent);
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("keyup", onKeyUp);
    window.addEventListener("online", () => {
      if (!socketOpen()) connect();
    });
    setInterval(() => {
      if (socketOpen()) checkHealth();
    }, HEALTH_EVERY_MS);
    setInterval(renderElapsed, 500);
    setNotice("connection", { text: () => t("connecting"), level: "info" });
    loadCustomerPicker();
    restoreConversation();
    connect();
  }

  init();
})();
