import type { Page } from 'playwright-core';

/**
 * A raw Socket.IO emit from inside the page (engine.io v4 over WebSocket, with the page's own cookies), bypassing
 * the client's checks: what the server answers to a forged event. Resolves with its ack.
 */
export async function rawEmit(page: Page, event: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    ({ event: name, payload: body }) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
        const timer = setTimeout(() => reject(new Error('no ack')), 15_000);
        ws.onmessage = (message) => {
          const data = String(message.data);
          if (data.startsWith('0')) ws.send('40');
          else if (data === '2') ws.send('3');
          else if (data.startsWith('40')) ws.send(`421${JSON.stringify([name, body])}`);
          else if (data.startsWith('431')) {
            clearTimeout(timer);
            ws.close();
            resolve((JSON.parse(data.slice(3)) as unknown[])[0]);
          }
        };
        ws.onerror = () => reject(new Error('socket error'));
      }),
    { event, payload },
  );
}
