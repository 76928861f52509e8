// Docker's log stream for a container without a TTY is multiplexed: each frame is an 8-byte header
// (stream type 0/1/2, three zero bytes, a big-endian uint32 payload length) and the payload. A TTY
// container's stream is raw. https://docs.docker.com/reference/api/engine/version/v1.43/#tag/Container/operation/ContainerAttach
const HEADER_BYTES = 8;

export interface Logs {
  text: string;
  truncated: boolean;
}

// stdout and stderr together, in the order written, cut to at most maxBytes of UTF-8.
export function demuxLogs(buf: Buffer, tty: boolean, maxBytes: number): Logs {
  const payload = tty ? buf : framesPayload(buf);
  if (payload.length <= maxBytes) return { text: payload.toString("utf8"), truncated: false };
  return { text: payload.subarray(0, utf8Boundary(payload, maxBytes)).toString("utf8"), truncated: true };
}

function framesPayload(buf: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < buf.length) {
    if (!isHeader(buf, offset)) {
      // Not a frame (an engine or proxy that sent raw text): keep the rest as it came.
      parts.push(buf.subarray(offset));
      break;
    }
    const length = buf.readUInt32BE(offset + 4);
    const start = offset + HEADER_BYTES;
    parts.push(buf.subarray(start, Math.min(start + length, buf.length)));
    offset = start + length;
  }
  return Buffer.concat(parts);
}

function isHeader(buf: Buffer, offset: number): boolean {
  return offset + HEADER_BYTES <= buf.length && (buf[offset] ?? 3) <= 2 && buf[offset + 1] === 0 && buf[offset + 2] === 0 && buf[offset + 3] === 0;
}

// The largest cut at or below maxBytes that does not split a multi-byte character.
function utf8Boundary(buf: Buffer, maxBytes: number): number {
  let end = maxBytes;
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return end;
}
