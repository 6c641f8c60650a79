import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A minimal WebSocket client for the load generator (RFC 6455, binary frames, no extensions): the `ws`
 * library spends about 7 µs of JavaScript per received frame, which on a shared 2-core machine is CPU taken
 * from the servers being measured. The same client drives Préau and the reference server.
 */
export class LeanSocket {
  open = false;
  closed = false;
  onOpen: () => void = () => undefined;
  onMessage: (data: Buffer) => void = () => undefined;
  onClose: (code: number) => void = () => undefined;
  onError: (error: Error) => void = () => undefined;
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private upgraded = false;

  constructor(url: string, headers: Record<string, string>) {
    const { hostname, port, pathname, search } = new URL(url);
    this.socket = connect({ host: hostname, port: Number(port), noDelay: true });
    const key = randomBytes(16).toString('base64');
    this.socket.once('connect', () => {
      const lines = [
        `GET ${pathname}${search} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${key}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) => this.onError(error));
    this.socket.on('close', () => this.finish(1006));
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.onClose(code);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = this.buffer.toString('latin1', 0, end);
      this.buffer = this.buffer.subarray(end + 4);
      if (!head.startsWith('HTTP/1.1 101')) {
        this.onError(new Error(head.split('\r\n')[0]));
        this.socket.destroy();
        return;
      }
      this.upgraded = true;
      this.open = true;
      this.onOpen();
    }
    while (this.buffer.length >= 2) {
      const opcode = this.buffer[0]! & 0x0f;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 0x2) this.onMessage(payload);
      else if (opcode === 0x9) this.write(0xa, payload);
      else if (opcode === 0x8) {
        this.finish(payload.length >= 2 ? payload.readUInt16BE(0) : 1005);
        this.socket.end();
      }
    }
  }

  /** A masked frame's header (clients must mask; a zero key keeps the payload as is). */
  private static header(opcode: number, length: number): Buffer {
    const header = Buffer.alloc(length < 126 ? 6 : length < 65536 ? 8 : 14);
    header[0] = 0x80 | opcode;
    if (length < 126) header[1] = 0x80 | length;
    else if (length < 65536) {
      header[1] = 0x80 | 126;
      header.writeUInt16BE(length, 2);
    } else {
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    return header;
  }

  private write(opcode: number, payload: Uint8Array): void {
    this.socket.cork();
    this.socket.write(LeanSocket.header(opcode, payload.byteLength));
    this.socket.write(payload);
    this.socket.uncork();
  }

  send(payload: Uint8Array): void {
    if (this.open) this.write(0x2, payload);
  }

  /** Several binary frames in one write (as a browser sends a keystroke's edit and caret together). */
  sendAll(payloads: readonly Uint8Array[]): void {
    if (!this.open) return;
    this.socket.cork();
    for (const payload of payloads) {
      this.socket.write(LeanSocket.header(0x2, payload.byteLength));
      this.socket.write(payload);
    }
    this.socket.uncork();
  }

  close(): void {
    if (this.open) this.write(0x8, Buffer.from([0x03, 0xe8]));
    this.open = false;
    this.socket.end();
  }
}
