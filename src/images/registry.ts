// Whether an image registry answers. Any HTTP answer counts (Docker Hub says 401 to anonymous /v2/);
// a DNS failure, refused connection or timeout means the machine is offline for images.
export async function registryAnswers(url: string, timeoutMs: number, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    await fetchImpl(url, { method: "GET", signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
