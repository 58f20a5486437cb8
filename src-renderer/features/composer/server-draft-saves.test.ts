import { describe, expect, it } from 'vitest';
import { ServerDraftSaves } from './server-draft-saves';

/** A save that finishes when the test says so, recording the order of starts and ends. */
function controlledSave() {
  const log: string[] = [];
  const pending: Array<{ draft: string; finish(ok: boolean): void }> = [];
  const save = (draft: string) =>
    new Promise<void>((resolve, reject) => {
      log.push(`start ${draft}`);
      pending.push({ draft, finish: (ok) => (log.push(`end ${draft}`), ok ? resolve() : reject(new Error('offline'))) });
    });
  return { log, pending, save };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('saves of an open draft to the server', () => {
  it('runs one save at a time, in order, and never saves the same version twice', async () => {
    const { log, pending, save } = controlledSave();
    const saves = new ServerDraftSaves<string>(save, 'v0');
    saves.saveIfChanged('v0');
    saves.saveIfChanged('v1');
    saves.saveIfChanged('v1');
    saves.saveIfChanged('v2');
    await settle();
    expect(log).toEqual(['start v1']);
    pending.shift()!.finish(true);
    await settle();
    expect(log).toEqual(['start v1', 'end v1', 'start v2']);
    pending.shift()!.finish(true);
    await settle();
    expect(log).toEqual(['start v1', 'end v1', 'start v2', 'end v2']);
  });

  it('saves even the first version when none is known to be on the server', async () => {
    const { log, save } = controlledSave();
    new ServerDraftSaves<string>(save, null).saveIfChanged('v0');
    await settle();
    expect(log).toEqual(['start v0']);
  });

  it('tries a version again after its save failed', async () => {
    const { log, pending, save } = controlledSave();
    const saves = new ServerDraftSaves<string>(save, 'v0');
    saves.saveIfChanged('v1');
    await settle();
    pending.shift()!.finish(false);
    await settle();
    saves.saveIfChanged('v1');
    await settle();
    expect(log).toEqual(['start v1', 'end v1', 'start v1']);
  });

  it('waits for a running save when stopped, then saves nothing more until resumed', async () => {
    const { log, pending, save } = controlledSave();
    const saves = new ServerDraftSaves<string>(save, 'v0');
    saves.saveIfChanged('v1');
    await settle();
    let stopped = false;
    const stopping = saves.stop().then(() => (stopped = true));
    saves.saveIfChanged('v2');
    await settle();
    expect(stopped).toBe(false);
    pending.shift()!.finish(true);
    await stopping;
    expect(log).toEqual(['start v1', 'end v1']);
    saves.resume();
    saves.saveIfChanged('v2');
    await settle();
    expect(log).toEqual(['start v1', 'end v1', 'start v2']);
  });
});
