import { existsSync } from "node:fs";
import path from "node:path";

// Whether Docker Desktop is installed, so "no engine" can become "Docker Desktop is not running".
export function desktopInstalled(platform: NodeJS.Platform, home: string, env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): boolean {
  if (platform === "win32") {
    const programFiles = env.ProgramFiles || "C:\\Program Files";
    return exists(path.win32.join(programFiles, "Docker", "Docker", "Docker Desktop.exe"));
  }
  if (platform === "darwin") return exists("/Applications/Docker.app");
  return exists("/opt/docker-desktop") || (home !== "" && exists(path.join(home, ".docker", "desktop")));
}
