/**
 * Fixed-capacity FIFO on a ring buffer: push and drop-oldest are O(1), so
 * recording a close never costs time proportional to the backlog.
 */
export class BoundedQueue<T> {
  readonly capacity: number;
  private readonly items: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
    this.capacity = capacity;
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Adds `item`; when full, the oldest item is discarded to make room. Returns true if one was discarded. */
  push(item: T): boolean {
    let dropped = false;
    if (this.size === this.capacity) {
      this.items[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.size--;
      dropped = true;
    }
    this.items[(this.head + this.size) % this.capacity] = item;
    this.size++;
    return dropped;
  }

  /** Returns up to `max` of the oldest items, oldest first, without removing them. */
  peek(max: number): T[] {
    const n = Math.min(max, this.size);
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const item = this.items[(this.head + i) % this.capacity];
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  /** Removes up to `n` of the oldest items. */
  discard(n: number): void {
    const count = Math.min(n, this.size);
    for (let i = 0; i < count; i++) {
      // Clear the slot so a shipped event can be collected.
      this.items[(this.head + i) % this.capacity] = undefined;
    }
    this.head = (this.head + count) % this.capacity;
    this.size -= count;
  }

  /** Removes and returns up to `max` of the oldest items, oldest first. */
  take(max: number): T[] {
    const n = Math.min(max, this.size);
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const index = (this.head + i) % this.capacity;
      const item = this.items[index];
      // Clear the slot so a shipped event can be collected.
      this.items[index] = undefined;
      if (item !== undefined) out.push(item);
    }
    this.head = (this.head + n) % this.capacity;
    this.size -= n;
    return out;
  }
}
