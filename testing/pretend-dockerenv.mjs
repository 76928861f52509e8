// Preloaded (`node --import`) into a labgrade process to put it in a container-like setting without creating
// /.dockerenv on the machine: testcontainers decides it runs inside a container by that file alone
// (container-runtime/utils/resolve-host.js), through fs.existsSync, which it reads from the module at each call.
import fs from "node:fs";

const existsSync = fs.existsSync;
fs.existsSync = (file) => file === "/.dockerenv" || existsSync(file);
