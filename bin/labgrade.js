#!/usr/bin/env node
// labgrade is written in TypeScript and runs from source through tsx, so there is no build step to forget.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
const code = await main(process.argv);
process.exitCode = code;
// Cancelled (a signal, or the parent went away): everything was cleaned up; do not linger on open sockets.
if (code >= 128) process.exit(code);
