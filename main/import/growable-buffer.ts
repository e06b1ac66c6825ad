// Shared memory that grows in place, for columns filled as a file is read
// (numbers.ts): the address space is reserved up front and pages are committed
// only as they are written, so growing copies nothing and frees nothing.
/** What ES2024 adds to SharedArrayBuffer (this project's lib is ES2022). */
export interface GrowableBuffer extends SharedArrayBuffer {
  // Optional: a plain SharedArrayBuffer (or one from a runtime without growable ones) has none of them.
  readonly growable?: boolean;
  readonly maxByteLength?: number;
  grow?(bytes: number): void;
}
const GrowableSharedArrayBuffer = SharedArrayBuffer as unknown as new (bytes: number, options?: { maxByteLength: number }) => GrowableBuffer;

/**
 * A shared buffer of `bytes` that can grow in place up to `maxBytes`: the
 * address space is reserved, pages are committed only as items are written.
 * A plain one where the reservation is refused (V8 caps what all growable
 * buffers reserve; then columns grow by copying, as before).
 */
export function sharedBuffer(bytes: number, maxBytes: number): GrowableBuffer {
  try {
    return new GrowableSharedArrayBuffer(bytes, { maxByteLength: Math.max(bytes, maxBytes) });
  } catch {
    return new GrowableSharedArrayBuffer(bytes);
  }
}

/** `buffer` with room for `bytes`: grown in place when it can be, else copied into a new one. */
export function enlarged(buffer: GrowableBuffer, bytes: number): GrowableBuffer {
  if (buffer.growable && bytes <= buffer.maxByteLength!) {
    buffer.grow!(bytes);
    return buffer;
  }
  const bigger = sharedBuffer(bytes, 2 * Math.max(bytes, buffer.maxByteLength ?? 0));
  new Uint8Array(bigger, 0, buffer.byteLength).set(new Uint8Array(buffer, 0, buffer.byteLength));
  return bigger;
}
