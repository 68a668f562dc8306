// The live stream: Server-Sent Events that keep the store current. It knows nothing of the page:
// the caller hands it what to do with each event and with each change of the connection.

/**
 * Opens the stream. handlers: {agent, 'agent-deleted', agenttype, 'agenttype-deleted'} take the
 * parsed data; onOpen(reopened) when (re)connected; onLost() when the connection drops (the browser
 * retries by itself); onClosed() when the server refused it (it will not retry: ask the session).
 * Returns a function that closes it.
 */
export function openStream(handlers, { onOpen, onLost, onClosed }) {
  const source = new EventSource('/api/v1/stream');
  let opened = false;
  source.addEventListener('open', () => {
    onOpen(opened);
    opened = true;
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) onClosed();
    else onLost();
  });
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      handler(data);
    });
  }
  return () => source.close();
}
