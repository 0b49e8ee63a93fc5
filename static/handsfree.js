// Hands-free mode: continuous listening over WS /ws/realtime. The server decides when the caller has finished,
// streams the answer as paced sentence audio and stops it when the caller talks over it. Push-to-talk (app.js)
// is untouched; this module only owns the hands-free toggle and its panel.

const LABELS = {
  en: {
    off: "Hands-free is off", connecting: "Connecting…", listening: "Listening…", user_speaking: "Hearing you…",
    thinking: "Thinking…", speaking: "Speaking… (talk to interrupt)", on: "Hands-free on", off_button: "Hands-free",
    you: "You", assistant: "Assistant", cut: "(interrupted)", noMic: "The microphone is not available: ",
    ended: "Hands-free ended: ",
  },
  es: {
    off: "Manos libres desactivado", connecting: "Conectando…", listening: "Escuchando…", user_speaking: "Le oigo…",
    thinking: "Pensando…", speaking: "Hablando… (hable para interrumpir)", on: "Manos libres activado",
    off_button: "Manos libres", you: "Usted", assistant: "Asistente", cut: "(interrumpido)",
    noMic: "El micrófono no está disponible: ", ended: "Manos libres terminado: ",
  },
};

const toggle = document.getElementById("handsfree-toggle");
const languageSelect = document.getElementById("language-select");
const customerSelect = document.getElementById("customer-select");

function language() {
  const chosen = languageSelect ? languageSelect.value : "auto";
  if (chosen === "en" || chosen === "es") return chosen;
  return (navigator.language || "en").toLowerCase().startsWith("es") ? "es" : "en";
}

function label(key) {
  return (LABELS[language()] || LABELS.en)[key];
}

function element(tag, className, attributes = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function buildPanel() {
  const panel = element("section", "handsfree-panel", { id: "handsfree-panel", "data-testid": "handsfree-panel",
                                                         "data-state": "off", hidden: "" });
  const status = element("div", "handsfree-status");
  const state = element("p", "handsfree-state", { "data-testid": "handsfree-state", role: "status",
                                                   "aria-live": "polite" });
  const level = element("span", "handsfree-level", { "data-testid": "handsfree-level", role: "meter",
                                                      "aria-valuemin": "0", "aria-valuemax": "100",
                                                      "aria-valuenow": "0", "aria-label": "Microphone level" });
  level.append(element("i"));
  status.append(state, level);
  const partial = element("p", "handsfree-partial", { "data-testid": "handsfree-partial", "aria-live": "polite" });
  const log = element("ol", "handsfree-log", { "data-testid": "handsfree-log", role: "log", "aria-live": "polite" });
  panel.append(status, partial, log);
  const anchor = document.getElementById("controls") || toggle.parentElement;
  anchor.parentElement.insertBefore(panel, anchor.nextSibling);
  return { panel, state, level, partial, log };
}

class Speaker {
  constructor() {
    this.context = new AudioContext();
    this.sampleRate = 22050;
    this.nextTime = 0;
    this.sources = new Set();
  }

  play(buffer) {
    const samples = new Int16Array(buffer);
    if (!samples.length) return;
    const audio = this.context.createBuffer(1, samples.length, this.sampleRate);
    const channel = audio.getChannelData(0);
    for (let i = 0; i < samples.length; i++) channel[i] = samples[i] / 32768;
    const source = this.context.createBufferSource();
    source.buffer = audio;
    source.connect(this.context.destination);
    const now = this.context.currentTime;
    // A small cushion when starting from silence, so paced 20 ms frames arriving with jitter do not stutter.
    if (this.nextTime < now) this.nextTime = now + 0.06;
    source.start(this.nextTime);
    this.nextTime += audio.duration;
    this.sources.add(source);
    source.onended = () => this.sources.delete(source);
  }

  clear() {
    for (const source of this.sources) {
      try { source.stop(); } catch (error) { /* already stopped */ }
    }
    this.sources.clear();
    this.nextTime = 0;
  }

  close() {
    this.clear();
    this.context.close();
  }
}

class HandsFree {
  constructor(ui) {
    this.ui = ui;
    this.socket = null;
    this.stream = null;
    this.capture = null;
    this.speaker = null;
    this.assistantLine = null;
  }

  get active() {
    return this.socket !== null;
  }

  setState(state) {
    this.ui.panel.dataset.state = state;
    this.ui.state.textContent = label(state) || state;
    toggle.setAttribute("aria-pressed", state === "off" ? "false" : "true");
  }

  async start() {
    this.ui.panel.hidden = false;
    this.setState("connecting");
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
      });
    } catch (error) {
      this.fail(label("noMic") + error.message);
      return;
    }
    this.speaker = new Speaker();
    const context = new AudioContext();
    await context.audioWorklet.addModule("/static/handsfree-worklet.js");
    const source = context.createMediaStreamSource(this.stream);
    const node = new AudioWorkletNode(context, "handsfree-capture");
    source.connect(node);
    this.capture = { context, source, node };

    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}/ws/realtime`);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    socket.onopen = () => {
      const customer = customerSelect && customerSelect.value ? Number(customerSelect.value) : null;
      socket.send(JSON.stringify({ type: "start", sample_rate: 16000, language: languageSelect ? languageSelect.value : "auto",
                                   customer_id: customer }));
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = (event) => {
      if (this.socket === socket) this.stop(event.reason);
    };
    node.port.onmessage = ({ data }) => {
      this.showLevel(data.level);
      if (socket.readyState === WebSocket.OPEN && this.ready) socket.send(data.pcm);
    };
  }

  receive(data) {
    if (data instanceof ArrayBuffer) {
      this.speaker.play(data);
      return;
    }
    const event = JSON.parse(data);
    switch (event.type) {
      case "ready":
        this.ready = true;
        this.setState("listening");
        break;
      case "state":
        this.setState(event.state);
        if (event.state === "user_speaking") this.ui.partial.textContent = "";
        break;
      case "partial":
        this.ui.partial.textContent = event.text;
        break;
      case "transcript":
        this.ui.partial.textContent = "";
        this.addLine("caller", event.text);
        this.assistantLine = null;
        break;
      case "withdrawn":
        // The caller went on after a pause: their last line and its unheard answer give way to the whole turn.
        this.dropLastTurn();
        break;
      case "sentence":
        this.speaker.sampleRate = event.sample_rate;
        if (event.seq >= 0) {
          if (!this.assistantLine) this.assistantLine = this.addLine("assistant", "");
          const text = this.assistantLine.querySelector(".text");
          text.textContent += (text.textContent ? " " : "") + event.text;
        }
        break;
      case "clear":
        this.speaker.clear();
        break;
      case "interrupted":
        if (event.final && this.assistantLine) {
          this.assistantLine.classList.add("cut");
          this.assistantLine.querySelector(".text").textContent = event.heard || "";
          this.assistantLine.dataset.interrupted = "true";
        }
        break;
      case "error":
        this.addLine("error", event.detail);
        if (event.fatal) this.stop(event.detail);
        break;
      case "bye":
        this.stop(event.reason);
        break;
      default:
        break;
    }
  }

  dropLastTurn() {
    const lines = [...this.ui.log.querySelectorAll("li")];
    const caller = lines.map((line) => line.dataset.role).lastIndexOf("caller");
    if (caller < 0) return;
    lines.slice(caller).filter((line) => line.dataset.role !== "error").forEach((line) => line.remove());
    this.assistantLine = null;
  }

  addLine(role, text) {
    const item = element("li", `handsfree-line ${role}`, { "data-role": role });
    if (role !== "error") item.append(element("span", "who"));
    if (role !== "error") item.querySelector(".who").textContent = label(role === "caller" ? "you" : "assistant");
    const body = element("span", "text");
    body.textContent = text;
    item.append(body);
    this.ui.log.append(item);
    item.scrollIntoView({ block: "nearest" });
    return item;
  }

  showLevel(level) {
    const percent = Math.min(100, Math.round(Math.sqrt(level) * 180));
    this.ui.level.setAttribute("aria-valuenow", String(percent));
    this.ui.level.style.setProperty("--level", `${percent}%`);
  }

  fail(detail) {
    this.addLine("error", detail);
    this.stop();
  }

  stop(reason) {
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    if (socket && socket.readyState <= WebSocket.OPEN) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "stop" }));
      socket.close();
    }
    if (this.capture) {
      this.capture.node.port.onmessage = null;
      this.capture.source.disconnect();
      this.capture.context.close();
      this.capture = null;
    }
    if (this.stream) {
      for (const track of this.stream.getTracks()) track.stop();
      this.stream = null;
    }
    if (this.speaker) {
      this.speaker.close();
      this.speaker = null;
    }
    this.showLevel(0);
    this.setState("off");
    if (reason && reason !== "stopped") this.ui.partial.textContent = label("ended") + reason;
  }
}

if (toggle && window.AudioWorkletNode && navigator.mediaDevices) {
  const handsFree = new HandsFree(buildPanel());
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    if (handsFree.active) handsFree.stop("stopped");
    else handsFree.start();
  });
}
