// Microphone capture for hands-free mode: mono, resampled to 16 kHz, cut into 20 ms Int16 frames, with a level.
class HandsFreeCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ratio = sampleRate / 16000;
    this.position = 0;
    this.frame = new Int16Array(320);
    this.filled = 0;
    this.energy = 0;
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    // Average the input samples that fall in each output sample: a box low-pass before decimating.
    let from = this.position;
    while (from < input.length) {
      const start = Math.floor(from);
      const end = Math.min(input.length, Math.max(start + 1, Math.floor(from + this.ratio)));
      let sum = 0;
      for (let i = start; i < end; i++) sum += input[i];
      const value = Math.max(-1, Math.min(1, sum / (end - start)));
      this.frame[this.filled++] = value < 0 ? value * 32768 : value * 32767;
      this.energy += value * value;
      if (this.filled === this.frame.length) {
        const level = Math.sqrt(this.energy / this.frame.length);
        this.port.postMessage({ pcm: this.frame.buffer, level }, [this.frame.buffer]);
        this.frame = new Int16Array(320);
        this.filled = 0;
        this.energy = 0;
      }
      from += this.ratio;
    }
    this.position = from - input.length;
    return true;
  }
}

registerProcessor("handsfree-capture", HandsFreeCapture);
