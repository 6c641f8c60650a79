/**
 * Pad test support: real y-websocket providers (the client the editor uses) and raw protocol clients over
 * real WebSockets, with a browser's session cookie.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { COLLAB_MESSAGE, PAD_FRAGMENT, SYNC_STEP, padDocumentName, type PadAccessMessage, type PadNotice, type PadRefusal } from '../../../shared/pad/protocol';
import type { SpaceSummary, SpaceView } from '../../../shared/spaces/types';
import type { Browser } from '../../helpers/http';
import type { TestServer } from '../../helpers/server';
import { openTestStore } from '../../helpers/store';

/** Creates a pad in a class, by a teacher (or the director). */
export async function createPad(teacher: Browser, classId: string, extra: Record<string, unknown> = {}): Promise<SpaceSummary> {
  const answer = await teacher.post<SpaceSummary>('/api/spaces', { kind: 'pad', title: 'Notre histoire', scope: { kind: 'class', classId }, ...extra });
  if (answer.status !== 201) throw new Error(`pad creation failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * Changes a space's settings as its settings form does: from the version it was loaded at (PATCH requires it).
 */
export async function patchSpace(browser: Browser, spaceId: string, changes: Record<string, unknown>) {
  const current = await browser.get<SpaceView>(`/api/spaces/${spaceId}`);
  return browser.send('PATCH', `/api/spaces/${spaceId}`, { ...changes, version: current.body.version });
}

/** A WebSocket class carrying a browser's cookie and Origin, for WebsocketProvider. */
export function cookieWebSocket(server: TestServer, browser: Browser | null, origin = server.url): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin, ...(browser ? { Cookie: browser.cookieHeader } : {}) } });
    }
  } as typeof WebSocket;
}

export interface PadClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The last access the server announced. */
  access(): PadAccessMessage | null;
  /** The notices the server sent this connection (the personal-information guard). */
  notices: PadNotice[];
  /** The refusals the server sent this connection (updates not applied). */
  refusals: PadRefusal[];
  /** Resolves with the close code when the server ends the connection. */
  closed: Promise<number>;
  synced(): Promise<void>;
  text(): string;
  destroy(): void;
}

/** Connects a y-websocket provider to a pad as this browser's user. */
export function connectPad(server: TestServer, browser: Browser, spaceId: string, options: { doc?: Y.Doc; webSocket?: typeof WebSocket } = {}): PadClient {
  const doc = options.doc ?? new Y.Doc();
  let access: PadAccessMessage | null = null;
  const provider = new WebsocketProvider(server.url.replace('http', 'ws') + '/collab', padDocumentName(spaceId), doc, {
    WebSocketPolyfill: (options.webSocket ?? cookieWebSocket(server, browser)) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  provider.messageHandlers[COLLAB_MESSAGE.ACCESS] = (_encoder, decoder) => {
    access = JSON.parse(decoding.readVarString(decoder)) as PadAccessMessage;
  };
  const notices: PadNotice[] = [];
  provider.messageHandlers[COLLAB_MESSAGE.NOTICE] = (_encoder, decoder) => {
    notices.push(JSON.parse(decoding.readVarString(decoder)) as PadNotice);
  };
  const refusals: PadRefusal[] = [];
  provider.messageHandlers[COLLAB_MESSAGE.REFUSED] = (_encoder, decoder) => {
    refusals.push(JSON.parse(decoding.readVarString(decoder)) as PadRefusal);
  };
  const closed = new Promise<number>((resolve) => provider.on('connection-close', (event) => event && resolve(event.code)));
  return {
    doc,
    provider,
    access: () => access,
    notices,
    refusals,
    closed,
    synced: () => (provider.synced ? Promise.resolve() : new Promise((resolve) => provider.once('sync', (state: boolean) => state && resolve()))),
    text: () => padText(doc),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The pad's text, one line per paragraph. */
export function padText(doc: Y.Doc): string {
  return doc
    .getXmlFragment(PAD_FRAGMENT)
    .toArray()
    .map((block) =>
      (block as Y.XmlElement)
        .toArray()
        .map((child) => (child instanceof Y.XmlText ? (child.toDelta() as Array<{ insert: string }>).map((op) => op.insert).join('') : ''))
        .join(''),
    )
    .join('\n');
}

/** Types at the end of the last paragraph, as the editor would (a paragraph holding a text run). */
export function typeText(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(PAD_FRAGMENT);
  doc.transact(() => {
    let paragraph = fragment.length > 0 ? (fragment.get(fragment.length - 1) as Y.XmlElement) : null;
    if (!paragraph) {
      paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.insert(0, [paragraph]);
    }
    const run = paragraph.get(0) as Y.XmlText;
    run.insert(run.length, text);
  });
}

/** Adds a paragraph of its own, so concurrent writers do not interleave inside one run. */
export function addParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment(PAD_FRAGMENT);
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    const run = new Y.XmlText();
    run.insert(0, text);
    paragraph.insert(0, [run]);
    fragment.insert(fragment.length, [paragraph]);
  });
}

/** Waits until a condition holds (polling), or fails with a message. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

/** What the server holds: a fresh reader's view after sync. */
export async function serverText(server: TestServer, browser: Browser, spaceId: string): Promise<string> {
  const observer = connectPad(server, browser, spaceId);
  try {
    await observer.synced();
    return observer.text();
  } finally {
    observer.destroy();
  }
}

/** A raw protocol client: sends any frame, records what comes back. */
export class RawClient {
  readonly received: Uint8Array[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(readonly ws: WebSocket) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => this.received.push(new Uint8Array(data)));
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  static connect(server: TestServer, browser: Browser | null, docName: string, origin = server.url): RawClient {
    const headers: Record<string, string> = { Origin: origin };
    if (browser) headers.Cookie = browser.cookieHeader;
    return new RawClient(new WebSocket(`${server.url.replace('http', 'ws')}/collab/${docName}`, { headers }));
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  /** Sends a Yjs update as a sync `update` message. */
  sendUpdate(update: Uint8Array, step: number = SYNC_STEP.UPDATE): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, COLLAB_MESSAGE.SYNC);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  }

  /** Sends sync step 1 (empty state vector): the server answers with its whole document. */
  requestState(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, COLLAB_MESSAGE.SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP.STEP1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
    this.send(encoding.toUint8Array(encoder));
  }

  /** The refusals received so far. */
  refusals(): PadRefusal[] {
    return this.received.flatMap((frame) => {
      const decoder = decoding.createDecoder(frame);
      return decoding.readVarUint(decoder) === COLLAB_MESSAGE.REFUSED ? [JSON.parse(decoding.readVarString(decoder)) as PadRefusal] : [];
    });
  }

  /** The access messages received so far. */
  accesses(): PadAccessMessage[] {
    return this.received.flatMap((frame) => {
      const decoder = decoding.createDecoder(frame);
      return decoding.readVarUint(decoder) === COLLAB_MESSAGE.ACCESS ? [JSON.parse(decoding.readVarString(decoder)) as PadAccessMessage] : [];
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** Every document of a collection of the server's store on `dataDir`, read through the port (either store). */
export async function storedDocs<T>(dataDir: string, collection: string): Promise<T[]> {
  const store = await openTestStore(dataDir);
  try {
    return (await store.collection<T & { _id: string }>(collection).find({})) as T[];
  } finally {
    await store.close();
  }
}
