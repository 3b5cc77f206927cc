// Progress on stderr for work that takes over a second: a redrawn line on a terminal, a line every
// few seconds otherwise, nothing with --quiet. Never on stdout, so JSON output stays clean.
import type { Output } from './context.js';

export class Progress {
  private readonly started: number;
  private lastDraw = 0;
  private drawn = false;
  private status = '';

  constructor(
    private readonly out: Output,
    private readonly label: string,
    private readonly quiet: boolean,
    private readonly now: () => Date,
  ) {
    this.started = now().getTime();
  }

  update(status: string): void {
    this.status = status;
    if (this.quiet) return;
    const t = this.now().getTime();
    if (t - this.started < 1000) return;
    const interval = this.out.isTTY ? 100 : 5000;
    if (t - this.lastDraw < interval) return;
    this.lastDraw = t;
    this.draw();
  }

  private draw(): void {
    const secs = ((this.now().getTime() - this.started) / 1000).toFixed(1);
    const line = `${this.label}: ${this.status} (${secs}s)`;
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${line}`);
    else this.out.write(`${line}\n`);
    this.drawn = true;
  }

  /** Ends the progress line; prints a final status if anything was drawn or the work was slow. */
  done(status?: string): void {
    if (status !== undefined) this.status = status;
    if (this.quiet) return;
    const slow = this.now().getTime() - this.started >= 1000;
    if (this.out.isTTY && this.drawn) this.out.write(`\r\x1b[2K`);
    if (this.drawn || slow)
      this.out.write(`${this.label}: ${this.status} (${((this.now().getTime() - this.started) / 1000).toFixed(1)}s)\n`);
  }

  /** Runs a promise while showing elapsed time. */
  async around<T>(work: Promise<T>, status: string): Promise<T> {
    this.update(status);
    const timer = setInterval(() => this.update(status), this.out.isTTY ? 200 : 5000);
    try {
      return await work;
    } finally {
      clearInterval(timer);
    }
  }
}
