import { describe, expect, it } from "vitest";
import { BoundedQueue } from "./queue.js";

describe("BoundedQueue", () => {
  it("returns items oldest first, at most the number asked", () => {
    const queue = new BoundedQueue<number>(5);
    for (const n of [1, 2, 3, 4]) queue.push(n);
    expect(queue.take(3)).toEqual([1, 2, 3]);
    expect(queue.length).toBe(1);
    expect(queue.take(10)).toEqual([4]);
    expect(queue.take(10)).toEqual([]);
  });

  it("drops the oldest item when full and says so", () => {
    const queue = new BoundedQueue<number>(3);
    expect([1, 2, 3].map((n) => queue.push(n))).toEqual([false, false, false]);
    expect(queue.push(4)).toBe(true);
    expect(queue.push(5)).toBe(true);
    expect(queue.length).toBe(3);
    expect(queue.take(5)).toEqual([3, 4, 5]);
  });

  it("behaves like a capped array across many wrap-arounds", () => {
    const queue = new BoundedQueue<number>(3);
    const model: number[] = [];
    for (let n = 1; n <= 50; n++) {
      queue.push(n);
      model.push(n);
      if (model.length > 3) model.shift();
      if (n % 4 === 0) expect(queue.take(2)).toEqual(model.splice(0, 2));
      expect(queue.length).toBe(model.length);
    }
    expect(queue.take(3)).toEqual(model);
  });

  it("peeks without removing, and discards from the head", () => {
    const queue = new BoundedQueue<number>(3);
    for (const n of [1, 2, 3]) queue.push(n);
    expect(queue.peek(2)).toEqual([1, 2]);
    expect(queue.length).toBe(3);
    // A push while the head is being sent drops the oldest; the rest keep their order.
    queue.push(4);
    expect(queue.peek(5)).toEqual([2, 3, 4]);
    queue.discard(2);
    expect(queue.peek(5)).toEqual([4]);
    queue.discard(10);
    expect(queue.length).toBe(0);
    expect(queue.peek(1)).toEqual([]);
  });

  it("refuses a capacity below 1", () => {
    expect(() => new BoundedQueue(0)).toThrow(RangeError);
  });
});
