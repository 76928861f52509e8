import { writeFile } from "node:fs/promises";
import path from "node:path";
import type Dockerode from "dockerode";
import { LABEL_SUBSTITUTE } from "../../docker/labels.ts";
import { PYTHON } from "../../images/lab-images.ts";
import { readArchive } from "../read-archive.ts";

/** Where the offline python image keeps numpy, matplotlib and their dependencies (images/offline/make-wheels.py). */
const IMAGE_WHEEL_DIR = "/usr/share/labgrade/wheels";
const MAX_BYTES = 512 * 1024 * 1024;

// Copies the offline python image's wheels out of a container that is created and never started, then removed.
// Returns where they came from. The real python image has none (its pip downloads from PyPI).
export async function copyImageWheels(docker: Dockerode, dest: string, labels: Record<string, string>): Promise<string> {
  const image = await docker
    .getImage(PYTHON.privateTag)
    .inspect()
    .catch(() => {
      throw new Error(`${PYTHON.privateTag} is not on the engine (\`npx labgrade images\` makes it)`);
    });
  if (image.Config?.Labels?.[LABEL_SUBSTITUTE] !== "offline") throw new Error(`${PYTHON.privateTag} is the real python image, which holds no wheels (its pip downloads them)`);
  const container = await docker.createContainer({ Image: image.Id, Cmd: ["true"], Labels: labels, NetworkDisabled: true });
  try {
    const files = await readArchive(await container.getArchive({ path: IMAGE_WHEEL_DIR }), MAX_BYTES, 120_000);
    const wheels = [...files].filter(([name]) => name.endsWith(".whl"));
    if (wheels.length === 0) throw new Error(`${PYTHON.privateTag} has no wheels in ${IMAGE_WHEEL_DIR}`);
    for (const [name, data] of wheels) await writeFile(path.join(dest, path.basename(name)), data);
    return `${PYTHON.privateTag} (${image.Id.slice(0, 19)})`;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
