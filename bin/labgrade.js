#!/usr/bin/env node
// labgrade is written in TypeScript and runs from source through tsx, so there is no build step to forget.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
