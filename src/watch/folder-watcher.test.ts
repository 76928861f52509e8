import { expect, it } from "vitest";
import { isAppFile } from "./folder-watcher.ts";

it("counts the files the app steps read, not editors' scratch files or the student's other files", () => {
  for (const name of ["app.py", "Dockerfile", "dockerfile", "Dockerfile.txt", ".dockerignore", "requirements.txt", "requirements-dev.txt", "plot.py", "compose.yaml", "docker-compose.yml", "compose.yaml.txt", null]) expect(isAppFile(name), String(name)).toBe(true);
  for (const name of ["app.py~", ".app.py.swp", "4913", "#app.py#", ".#app.py", "notes.md", "evidence.json", "report.html", "walks.yaml"]) expect(isAppFile(name), name).toBe(false);
});
