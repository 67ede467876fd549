/**
 * Timers the screens' state classes share. Throttle: a burst of replica changes becomes one
 * reload, at most once per window. Debounce: typing restarts the wait, the last value wins.
 */
export class Throttle {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly run: () => void,
  ) {}

  poke(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.run();
    }, this.ms);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

export class Debounce {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly run: () => void,
  ) {}

  poke(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.run, this.ms);
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }
}
