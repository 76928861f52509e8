// Runs a command so that it ends when labgrade does, however labgrade ends (a kill -9 included), and at a
// deadline of its own: node child-guard.mjs DEADLINE_MS COMMAND [ARGS...].
// labgrade holds this process's stdin open; when labgrade dies the pipe closes, and the command is sent SIGTERM
// (the docker CLI then cancels its build on the engine), then SIGKILL 5 s later. The same happens at the
// deadline. The command's output passes through; the exit code is the command's (143 when it was stopped).
import { spawn } from "node:child_process";
import { clearTimeout, setTimeout } from "node:timers";

const [deadline, command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
};
const timer = setTimeout(stop, Number(deadline));
process.stdin.on("end", stop).on("error", stop).resume();
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, stop);
child.on("error", (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(127);
});
child.on("exit", (code, signal) => {
  clearTimeout(timer);
  process.exit(code ?? (signal ? 128 + ({ SIGTERM: 15, SIGKILL: 9 }[signal] ?? 1) : 1));
});
