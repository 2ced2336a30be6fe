import WebSocket from "ws";

/**
 * A dashboard on /api/live for the length of a run: counts the events the
 * collector announces, and reconnects if it is cut off (the collector closes
 * feeds that fall too far behind, with 1013).
 */
export class LiveFeedClient {
  events = 0;
  messages = 0;
  /** Close codes of every disconnection before stop(). */
  readonly closes: number[] = [];
  private socket: WebSocket | undefined;
  private stopped = false;

  private constructor(private readonly url: string) {}

  static async connect(baseUrl: string): Promise<LiveFeedClient> {
    const client = new LiveFeedClient(`${baseUrl.replace(/^http/, "ws")}/api/live`);
    await client.open();
    return client;
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.socket = socket;
      socket.once("open", () => resolve());
      socket.once("error", reject);
      socket.on("message", (data: Buffer) => {
        this.messages++;
        const message = JSON.parse(data.toString("utf8")) as { type?: string; events?: unknown[] };
        if (message.type === "events" && Array.isArray(message.events)) this.events += message.events.length;
      });
      socket.on("close", (code) => {
        if (this.stopped) return;
        this.closes.push(code);
        setTimeout(() => void this.open().catch(() => {}), 100);
      });
    });
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close(1000, "bench done");
  }
}
