/** Time source for the queue, injectable so retry and give-up tests never wait. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
