/**
 * Which node holds a connection that came through nginx: each node is asked, directly, about the connection's
 * engine.io session id. engine.io answers a polling request for a session it holds over WebSocket with « Bad
 * request » (code 3: transport mismatch), and one for a session it does not know with « Session ID unknown »
 * (code 1); neither touches the session. So exactly one node answers code 3.
 */

/** engine.io's error codes (engine.io `Server.errors`). */
const UNKNOWN_SID = 1;
const BAD_REQUEST = 3;

/** The index in `nodes` (each node's direct URL) of the node holding the WebSocket engine.io session `sid`. */
export async function nodeOfEngineSession(sid: string, nodes: readonly string[]): Promise<number> {
  if (nodes.length === 1) return 0;
  const codes = await Promise.all(
    nodes.map(async (node) => {
      const response = await fetch(`${node}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`);
      const body = (await response.json().catch(() => ({}))) as { code?: number };
      if (response.status !== 400 || (body.code !== UNKNOWN_SID && body.code !== BAD_REQUEST)) throw new Error(`placement of ${sid} on ${node}: unexpected answer ${response.status} ${JSON.stringify(body)}`);
      return body.code;
    }),
  );
  const holders = codes.flatMap((code, index) => (code === BAD_REQUEST ? [index] : []));
  if (holders.length !== 1) throw new Error(`placement of ${sid}: ${holders.length} nodes hold it`);
  return holders[0]!;
}
