export { Budget, DEFAULT_LIMITS, type ArchiveLimits } from "./budget.ts";
export { copyFolder, skipGitFolders, type CopyOptions } from "./copy-folder.ts";
export { expandNestedZips, type ExpandResult } from "./expand-nested.ts";
export { extractZip, type ExtractOptions, type ExtractResult } from "./extract-zip.ts";
export { listZip, type ZipListEntry, type ZipListing } from "./list-zip.ts";
export type { SelectEntry } from "./plan-entries.ts";
export { ArchiveRejected, type RejectCode } from "./rejected.ts";
