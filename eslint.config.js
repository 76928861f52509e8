import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The layers of src/, bottom to top: a folder may import from the layers below it, never from its own layer's
// other folders or from above. Adding a folder means placing it here.
export const LAYERS = [
  ["errors", "shipped-files"],
  ["version", "config", "progress"],
  ["lock"],
  ["docker", "intake"],
  ["images"],
  ["dockerfile"],
  ["evidence"],
  ["runners"],
  ["lab"],
  ["kinds", "trust"],
  ["labfile", "model", "pipeline"],
  ["reports"],
  ["bulk", "watch", "doctor", "lms", "recorder"],
  ["cli"],
];

const NAMED_EXPORTS_ONLY = { selector: "ExportDefaultDeclaration", message: "Use named exports." };

// One rule per folder: the folders it must not import, as the import is written (`../lab/judge.ts`, `../../lab/x.ts`,
// and from a top-level file `./lab/x.ts`), whether imported statically or with `import()`.
function fence(folder, level) {
  const above = LAYERS.slice(level).flat().filter((f) => f !== folder);
  const topLevel = /^(errors|version|config|shipped-files)$/.test(folder);
  const own = topLevel ? `src/${folder}.ts` : `src/${folder}/**/*.ts`;
  const upward = `^${topLevel ? "\\./" : "(\\.\\./)+"}(${above.join("|")})(/|\\.ts$)`;
  const why = `${folder}/ sits below these folders in the layers (eslint.config.js): move what it needs down, or pass it in.`;
  return {
    files: [own],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { regex: upward, message: why },
          { regex: "^(\\.\\./)+testing/", message: "Test support is not imported by shipped code." },
        ],
      }],
      "no-restricted-syntax": ["error", NAMED_EXPORTS_ONLY, { selector: `ImportExpression[source.value=/${upward.replace(/\//g, "\\/")}/]`, message: why }],
    },
  };
}

export default tseslint.config(
  { ignores: ["node_modules/", "reports/", "fixtures/**/*.py"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", NAMED_EXPORTS_ONLY],
    },
  },
  ...LAYERS.flatMap((layer, level) => layer.map((folder) => fence(folder, level))),
  // Tests and test support may reach any layer.
  { files: ["src/**/*.test.ts", "testing/**"], rules: { "no-restricted-imports": "off", "no-restricted-syntax": ["error", NAMED_EXPORTS_ONLY] } },
  { files: ["eslint.config.js", "vitest.config.ts"], rules: { "no-restricted-syntax": "off" } },
);
