import { ArchiveRejected } from "./archive/index.ts";

// An archive's refusal names the file inside it; the instructor also needs the export entry it came from.
export async function rejectedInEntry<T>(entry: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ArchiveRejected)) throw error;
    throw new ArchiveRejected(error.code, `${entry}: ${error.message}`, error.detail, { cause: error });
  }
}
