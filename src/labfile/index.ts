// Lab files: YAML held to the published schema (lab.schema.json), compiled into the Lab value every mode grades.
export { DEFAULT_LAB, gradingFiles, LAB_FILE, LABS_DIR, labFile, labFolder, loadLab, referenceOf, shippedLabIds } from "./lab-folders.ts";
export { type HandInCase, labHandIns, labWalks, type WalkCase } from "./lab-cases.ts";
export { parseLab, readLab } from "./read-lab.ts";
export { describeProblems, type LabProblem } from "./lab-problems.ts";
export { LAB_SCHEMA_FILE } from "./schema-problems.ts";
