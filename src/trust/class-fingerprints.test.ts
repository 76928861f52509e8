import { describe, expect, it } from "vitest";
import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import type { ContainerFact } from "../evidence/types.ts";
import { builtLayers } from "./class-fingerprints.ts";

const layer = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const LAB_BEGAN = Date.parse("2026-09-02T10:00:00Z") / 1000;
const lab = [{ created: "2026-09-02T10:00:00Z" } as ContainerFact];

// A BuildKit build on a base whose own RUN steps were built after the student began the lab (a base image rebuilt
// mid-assignment): its layers are shared by everyone who pulled it, and must never count.
function file(history: Array<{ CreatedBy: string; Size: number; Created: number }>, layers: string[]): EvidenceFileV2 {
  return { raw: { images: [{ Id: "sha256:app", RootFS: { Layers: layers } }], history: { "sha256:app": history } } } as unknown as EvidenceFileV2;
}

describe("builtLayers", () => {
  it("counts the build's own RUN layers and stops at the base image's last CMD", () => {
    const history = [
      { CreatedBy: 'CMD ["python" "app.py"]', Size: 0, Created: LAB_BEGAN + 900 },
      { CreatedBy: "RUN /bin/sh -c pip install numpy matplotlib # buildkit", Size: 80_000_000, Created: LAB_BEGAN + 890 },
      { CreatedBy: "COPY . /app # buildkit", Size: 2_000, Created: LAB_BEGAN + 880 },
      { CreatedBy: "WORKDIR /app", Size: 8_192, Created: LAB_BEGAN + 880 },
      { CreatedBy: 'CMD ["python3"]', Size: 0, Created: LAB_BEGAN + 100 },
      { CreatedBy: "RUN /bin/sh -c set -eux; apt-get install …", Size: 30_000_000, Created: LAB_BEGAN + 100 },
      { CreatedBy: "# debian.sh --arch 'amd64' out/ 'bookworm'", Size: 100_000_000, Created: LAB_BEGAN - 86_400 },
    ];
    expect(builtLayers(file(history, [layer(1), layer(2), layer(3), layer(4), layer(5)]), lab)).toEqual([layer(5)]);
  });
  it("pairs nothing past a step of size 0 that may have made an empty layer, and nothing made before the lab", () => {
    const history = [
      { CreatedBy: "/bin/sh -c pip install numpy", Size: 80_000_000, Created: LAB_BEGAN + 50 },
      { CreatedBy: "/bin/sh -c #(nop) WORKDIR /app", Size: 0, Created: LAB_BEGAN + 40 },
      { CreatedBy: "/bin/sh -c pip install pandas", Size: 80_000_000, Created: LAB_BEGAN + 30 },
    ];
    expect(builtLayers(file(history, [layer(1), layer(2), layer(3)]), lab)).toEqual([layer(3)]);
    expect(builtLayers(file(history.map((h) => ({ ...h, Created: LAB_BEGAN - 3_600 })), [layer(1), layer(2), layer(3)]), lab)).toEqual([]);
  });
});
