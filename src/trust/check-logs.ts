import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import { isHelloWorldRef } from "./known-images.ts";
import { containerLabel, reason } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

// A container created with -t writes through a terminal, which ends every line in \r\n; without one, hello-world's
// lines end in \n alone. So hello-world's output tells whether its container really had a TTY (an edited `tty`).
export function checkLogs(file: EvidenceFileV2): TrustReason[] {
  const reasons: TrustReason[] = [];
  for (const c of file.containers.filter((c) => isHelloWorldRef(c.image) && c.logs.includes("\n"))) {
    const bare = /(^|[^\r])\n/.test(c.logs);
    const crlf = c.logs.includes("\r\n");
    if (c.tty && bare) reasons.push(reason("logs-mismatch", `The container ${containerLabel(c)} is said to have a TTY (-t), but its output ends lines in a bare \\n, as only a container without a TTY writes.`));
    if (!c.tty && crlf) reasons.push(reason("logs-mismatch", `The container ${containerLabel(c)} is said to have no TTY, but its output ends lines in \\r\\n, as a terminal (-t) writes.`));
  }
  return reasons;
}
