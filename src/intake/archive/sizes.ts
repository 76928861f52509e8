export const MiB = 1024 * 1024;

// Limits and sizes are shown in MB with at most one decimal: "200 MB", "0.5 MB".
export function megabytes(bytes: number): string {
  return `${Number((bytes / MiB).toFixed(1))} MB`;
}
