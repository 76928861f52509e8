import http from "node:http";
import type { Duplex } from "node:stream";
import type { Client, ClientChannel } from "ssh2";

// What a live grade may ask a student's engine: reading only. Anything else is refused before it is sent.
const READ_METHODS = new Set(["GET", "HEAD"]);
const STDERR_KEPT = 2048;

interface WithAddRequest {
  addRequest(request: http.ClientRequest, options: unknown): void;
}

// The Docker API over one SSH connection, as the docker CLI does it for ssh:// hosts: each HTTP connection
// is a channel running `docker system dial-stdio` on the remote, kept alive and reused, so a whole snapshot
// costs one SSH handshake and one remote docker process or two. (docker-modem's own `protocol: "ssh"`
// makes a new SSH connection, host-key check and remote process for every API call: about half a second
// each here, and nothing to fetch the student's folder over.) Only GET and HEAD requests pass.
export class DialStdioAgent extends http.Agent {
  /** What the remote `docker system dial-stdio` last wrote to stderr, and how it exited: why a request failed. */
  problem: string | null = null;

  constructor(private readonly client: Client) {
    super({ keepAlive: true, maxSockets: 2 });
    const self = this as unknown as WithAddRequest;
    const addRequest = self.addRequest.bind(this);
    self.addRequest = (request, options) => {
      if (READ_METHODS.has(request.method)) return addRequest(request, options);
      // As http.Agent itself fails a request it could not connect: the request emits the error, nothing is sent.
      (request as unknown as { onSocket(socket: null, error: Error): void }).onSocket(null, new Error(`labgrade reads a student's engine only: ${request.method} ${request.path} was not sent`));
    };
  }

  override createConnection(_options: http.ClientRequestArgs, callback?: (error: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    this.client.exec("docker system dial-stdio", (error, channel) => {
      if (error) return callback?.(error, undefined as unknown as Duplex);
      this.#watch(channel);
      callback?.(null, socketLike(channel));
    });
    return undefined;
  }

  #watch(channel: ClientChannel): void {
    let stderr = "";
    channel.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_KEPT);
    });
    channel.on("exit", (code: number | null, signal?: string) => {
      if (code === 0) return;
      const said = stderr.trim().split("\n").slice(-3).join(" ").trim();
      const exit = code === 127 ? "the docker command was not found there (exit 127)" : signal ? `it was ended by ${signal}` : `it exited ${code}`;
      this.problem = `\`docker system dial-stdio\` failed on that machine: ${said || exit}${said ? ` (${exit})` : ""}`;
    });
  }
}

// http's client calls these on its sockets; an SSH channel has no TCP options to set.
function socketLike(channel: ClientChannel): Duplex {
  const socket = channel as ClientChannel & Record<string, unknown>;
  for (const name of ["setTimeout", "setNoDelay", "setKeepAlive", "ref", "unref"]) {
    if (typeof socket[name] !== "function") socket[name] = () => socket;
  }
  return socket;
}
