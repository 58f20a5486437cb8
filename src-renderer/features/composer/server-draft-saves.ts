/**
 * The saves of one open draft to the server's Drafts folder, one at a time. Each save
 * APPENDs the new version and then deletes the draft's other versions, found by their
 * Message-ID (engine/drafts/draft-sync.ts), so two saves at once could each delete the
 * other's version and leave none; and a save still running when the draft is sent or
 * discarded could put back a version after its removal. Hence a queue, a version that is
 * not saved twice, and a stop before sending or discarding.
 */
export class ServerDraftSaves<T> {
  private queue: Promise<void> = Promise.resolve();
  /** The version last queued; null after a failed save, so the next one tries again. */
  private queued: T | null;
  private stopped = false;

  constructor(
    private readonly save: (draft: T) => Promise<void>,
    /** A version known to be on the server already, or null when none is. */
    initial: T | null,
  ) {
    this.queued = initial;
  }

  /** Queues a save of `draft` unless it is the version last queued, or saves are stopped. */
  saveIfChanged(draft: T): void {
    if (this.stopped || draft === this.queued) return;
    this.queued = draft;
    this.queue = this.queue.then(() =>
      this.save(draft).catch(() => {
        // Offline or refused: the cache holds the draft; the next tick or the close tries again.
        if (this.queued === draft) this.queued = null;
      }),
    );
  }

  /** Stops further saves and resolves once the queued ones are done (before a send or a discard). */
  stop(): Promise<void> {
    this.stopped = true;
    return this.queue;
  }

  /** Saves again after a stop (a send that could not be queued leaves the composer open). */
  resume(): void {
    this.stopped = false;
  }
}
