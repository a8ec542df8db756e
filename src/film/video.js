// The browser's video encoder (WebCodecs), which web-sys offers only behind an unstable flag:
// frames go in from a canvas with their times, VP8 frames come out, and Rust lays them out as
// a WebM file (webm.rs). At most a few frames wait in the encoder, so a long film does not hold
// hundreds of raw frames in memory.

export function videoSupported() {
  return typeof VideoEncoder === 'function' && typeof VideoFrame === 'function';
}

export class VideoSink {
  constructor(width, height) {
    this.chunks = [];
    this.failure = null;
    this.encoder = new VideoEncoder({
      output: (chunk) => {
        const data = new Uint8Array(chunk.byteLength);
        chunk.copyTo(data);
        this.chunks.push({ data, ms: chunk.timestamp / 1000, key: chunk.type === 'key' });
      },
      error: (e) => {
        this.failure = String((e && e.message) || e);
      },
    });
    this.encoder.configure({ codec: 'vp8', width, height, bitrate: 4_000_000, framerate: 20 });
  }

  async add(canvas, ms, duration, key) {
    if (this.failure) throw new Error(this.failure);
    const frame = new VideoFrame(canvas, { timestamp: Math.round(ms * 1000), duration: Math.round(duration * 1000) });
    this.encoder.encode(frame, { keyFrame: key });
    frame.close();
    while (this.encoder.encodeQueueSize > 2 && !this.failure) {
      await new Promise((resolve) => this.encoder.addEventListener('dequeue', resolve, { once: true }));
    }
  }

  async finish() {
    await this.encoder.flush();
    this.encoder.close();
    if (this.failure) throw new Error(this.failure);
  }

  count() {
    return this.chunks.length;
  }

  data(i) {
    return this.chunks[i].data;
  }

  ms(i) {
    return this.chunks[i].ms;
  }

  key(i) {
    return this.chunks[i].key;
  }
}
