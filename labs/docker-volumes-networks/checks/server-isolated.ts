// A check of the lab's own, for what its vocabulary cannot say: `server` is attached to labnet and to no other
// network (started with `--network labnet`, it never joined the default bridge). It gets the engine's state as
// labgrade read it (docs/evidence-format.md) and returns a verdict; labgrade holds the result to that shape.

interface Container {
  name: string;
  networks?: Array<{ name: string; aliases: string[] }>;
}

export function check(snapshot: { containers: Container[] }): { status: "passed" | "failed"; message: string; hint?: string } {
  const server = snapshot.containers.find((c) => c.name === "server");
  if (!server) return { status: "failed", message: "Expected a container named `server`; found none.", hint: "Start it on labnet: `docker run -d --name server --network labnet python python -m http.server 8000`." };
  const networks = (server.networks ?? []).map((n) => n.name);
  if (networks.length === 1 && networks[0] === "labnet") return { status: "passed", message: "`server` is attached to `labnet` and to no other network." };
  const found = networks.length ? networks.map((n) => `\`${n}\``).join(", ") : "no network";
  return {
    status: "failed",
    message: `Expected \`server\` attached to \`labnet\` only; found it on ${found}.`,
    hint: networks.includes("labnet") ? `Disconnect the others: ${networks.filter((n) => n !== "labnet").map((n) => `\`docker network disconnect ${n} server\``).join(", ")}.` : "Recreate it on labnet: `docker rm -f server`, then `docker run -d --name server --network labnet python python -m http.server 8000`.",
  };
}
