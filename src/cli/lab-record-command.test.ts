import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { labgradeProgram } from "./main.ts";

// `labgrade lab record …` as the command line parses it: the recorder's options, or the one line it refuses with.
async function record(args: string[]): Promise<{ opts: Record<string, unknown>; labs: string[] } | { refused: string; exitCode: number }> {
  const { program } = labgradeProgram({}, new AbortController().signal);
  const recorder = program.commands.find((c) => c.name() === "lab")!.commands.find((c) => c.name() === "record")!;
  let said = "";
  for (const c of [program, recorder]) c.configureOutput({ writeErr: (text) => void (said += text), writeOut: (text) => void (said += text) });
  // The action itself would load labs and walk them: stop once the options are parsed and checked.
  let labs: string[] = [];
  recorder.hook("preAction", (_, action) => {
    labs = action.processedArgs[0] as string[];
    const o = action.opts();
    if (!o.throwaway && (o.images || o.copyImages)) return;
    throw new Error("parsed");
  });
  try {
    await program.parseAsync(["node", "labgrade", "lab", "record", ...args]);
  } catch (error) {
    if (error instanceof CommanderError) return { refused: (said || error.message).trim().split("\n")[0]!, exitCode: error.exitCode === 0 ? 0 : 2 }; // as main() returns it
    if ((error as Error).message !== "parsed") throw error;
  }
  return { opts: recorder.opts(), labs };
}

describe("labgrade lab record's command line", () => {
  it("takes labs as arguments or repeated --lab, walks by --only, with the defaults", async () => {
    expect(await record(["labs/my-lab", "--lab", "docker-install", "--only", "full-walk", "--only", "no-it", "--update-fixtures"])).toEqual({
      labs: ["labs/my-lab"],
      opts: { lab: ["docker-install"], only: ["full-walk", "no-it"], out: "reports/recorded-walks", updateFixtures: true },
    });
    expect(await record(["--throwaway", "--images", "lab-images.tar"])).toMatchObject({ opts: { throwaway: true, images: "lab-images.tar" } });
    expect(await record(["--throwaway", "--copy-images", "--containerd-store", "--suffix", "28-containerd"])).toMatchObject({ opts: { throwaway: true, copyImages: true, containerdStore: true, suffix: "28-containerd" } });
  });

  it("refuses a mistake in one line that says what to do, with exit 2", async () => {
    expect(await record(["--trowaway"])).toEqual({ refused: "error: unknown option '--trowaway'", exitCode: 2 }); // then "(Did you mean --throwaway?)"
    expect(await record(["--images", "lab-images.tar"])).toEqual({ refused: "error: --images goes with --throwaway (an engine of the recorder's own); add --throwaway", exitCode: 2 });
    expect(await record(["--copy-images", "--containerd-store"])).toEqual({ refused: "error: --copy-images and --containerd-store go with --throwaway (an engine of the recorder's own); add --throwaway", exitCode: 2 });
    expect(await record(["--throwaway", "--copy-images", "--images", "x.tar"])).toMatchObject({ refused: expect.stringContaining("option '--images <tar>' cannot be used with option '--copy-images'"), exitCode: 2 });
  });

  it("says every option on --help", async () => {
    const help = await record(["--help"]);
    expect(help).toMatchObject({ exitCode: 0 });
    const { program } = labgradeProgram({}, new AbortController().signal);
    const text = program.commands.find((c) => c.name() === "lab")!.commands.find((c) => c.name() === "record")!.helpInformation();
    for (const option of ["--lab <id|path>", "--only <walk>", "--out <dir>", "--update-fixtures", "--throwaway", "--images <tar>", "--copy-images", "--engine-bin <dir>", "--containerd-store", "--suffix <s>"]) expect(text).toContain(option);
  });
});
