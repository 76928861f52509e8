import { showControls } from "./show-controls.ts";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// Student output reaches the HTML reports: every text and attribute value goes through here. Control
// characters (ESC, BEL …) are shown as `\x1b`, never passed on raw.
export function escapeHtml(text: string): string {
  return showControls(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
