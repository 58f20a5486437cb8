/**
 * Keeps STATUS polling from closing a mailbox that another step is using. Several steps
 * may use the selected mailbox at once (imapflow queues their commands), but the change
 * watch's STATUS must first CLOSE a selected mailbox (RFC 3501 §6.3.10 discourages STATUS
 * on it), which would pull the mailbox from under a body download or an operation replay
 * ("No mailbox selected"). So users share the gate, and a closer waits until none is left
 * and holds new users back while it runs. A waiting closer does not stop new users from
 * entering, so a step that nests another use of the mailbox can never deadlock against it.
 */
export class MailboxGate {
  private users = 0;
  private closer: Promise<void> | null = null;
  private drained: Array<() => void> = [];

  async use<T>(step: () => Promise<T>): Promise<T> {
    while (this.closer) await this.closer;
    this.users++;
    try {
      return await step();
    } finally {
      this.users--;
      if (this.users === 0) for (const wake of this.drained.splice(0)) wake();
    }
  }

  async exclusive<T>(step: () => Promise<T>): Promise<T> {
    for (;;) {
      while (this.closer) await this.closer;
      if (this.users === 0) break;
      await new Promise<void>((resolve) => this.drained.push(resolve));
    }
    let done!: () => void;
    this.closer = new Promise<void>((resolve) => (done = resolve));
    try {
      return await step();
    } finally {
      this.closer = null;
      done();
    }
  }
}
