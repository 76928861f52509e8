// mmdebstrap reports its phases as "I: …" lines on stderr; these become the progress of the python build.
const STAGES: Array<[RegExp, string, number]> = [
  [/running apt-get update/, "reading Debian's package lists", 0.05],
  [/downloading packages/, "downloading Debian packages", 0.15],
  [/extracting archives/, "unpacking the base system", 0.3],
  [/installing essential packages/, "installing the base system", 0.4],
  [/installing remaining packages/, "installing python3, pip, numpy and matplotlib", 0.55],
  [/customize-hook/, "turning numpy and matplotlib into a local wheel index", 0.75],
  [/creating tarball/, "packing the root filesystem", 0.85],
  [/^I: success|^I: done/, "root filesystem ready", 0.9],
];

export function mmdebstrapStage(line: string): { name: string; fraction: number } | undefined {
  for (const [pattern, name, fraction] of STAGES) if (pattern.test(line)) return { name, fraction };
  return undefined;
}
