/** Reading a Chrome DevTools CPU profile (Profiler.stop): where a renderer's time went. */

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions with the most self time in a CPU profile, as "name (file:line) — ms". */
export function topSelfTime(profile: CpuProfile, count = 12): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byNode.get(id);
    if (!frame) return;
    const file = frame.url.split('/').pop() ?? '';
    const name = `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1})`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => `${name} — ${ms.toFixed(0)} ms`);
}

/** The results' closing section: CPU seconds per process over `span` (process-cpu.ts), then the renderer's profile over it. */
export function timeSpentLines(span: string, cpu: readonly string[], rendererProfile: readonly string[]): string[] {
  return [
    `CPU ${span}, per process (the browser process holds IndexedDB):`,
    '',
    ...cpu.map((line) => `- ${line}`),
    '',
    "The renderer's functions with the most self time over the same span:",
    '',
    ...rendererProfile.map((line) => `- ${line}`),
    '',
  ];
}
