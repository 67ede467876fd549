/** A coarse "now" for relative times ("4 min ago") that re-renders every 15 s while watched. */
import { createSubscriber } from 'svelte/reactivity';

export class Clock {
  #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, 15_000);
    return () => clearInterval(timer);
  });

  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}
