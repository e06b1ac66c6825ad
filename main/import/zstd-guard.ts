// Reads the frame and block headers of a Zstandard stream as it passes, before
// the decompressor sees it, and refuses a frame whose window (the memory its
// decoder must hold) is larger than we allow. fzstd allocates whatever window
// a frame header declares, up to 2 GB, so a few bytes of header could cost
// gigabytes; the Zstandard format lets a decoder refuse such frames (the zstd
// tool's own default limit is 128 MiB).

export const MAX_ZSTD_WINDOW_BYTES = 64 * 1024 * 1024;

const MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE = 0x184d2a50;

const enum Part {
  FrameStart,
  FrameHeader,
  BlockHeader,
  BlockBody,
  Checksum,
  SkippableSize,
  SkippableBody,
}

export class ZstdWindowTooLarge extends Error {
  constructor(readonly window: number) {
    super(`a Zstandard frame needs a ${sizeText(window)} window, more than the ${sizeText(MAX_ZSTD_WINDOW_BYTES)} Candor decompresses with`);
    this.name = 'ZstdWindowTooLarge';
  }
}

export class ZstdFrameGuard {
  private part = Part.FrameStart;
  /** Header bytes collected across chunks. */
  private pending: number[] = [];
  private need = 4;
  private remaining = 0;
  private checksum = false;
  private lastBlock = false;
  private stopped = false;

  constructor(private readonly maxWindow = MAX_ZSTD_WINDOW_BYTES) {}

  /** Walks the chunk's headers; throws before a frame that needs too large a window reaches the decoder. */
  check(chunk: Uint8Array): void {
    if (this.stopped) return;
    let i = 0;
    while (i < chunk.length) {
      if (this.part === Part.BlockBody || this.part === Part.SkippableBody || this.part === Part.Checksum) {
        const take = Math.min(this.remaining, chunk.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.afterBody();
        continue;
      }
      this.pending.push(chunk[i++]!);
      if (this.pending.length < this.need) continue;
      const bytes = this.pending;
      switch (this.part) {
        case Part.FrameStart: {
          const magic = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
          if (magic === MAGIC) this.expect(Part.FrameHeader, 5);
          else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE) this.expect(Part.SkippableSize, 8);
          else {
            // Not Zstandard: the decoder reports that itself.
            this.stopped = true;
            return;
          }
          break;
        }
        case Part.FrameHeader: {
          const descriptor = bytes[4]!;
          const singleSegment = (descriptor >> 5) & 1;
          const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
          const sizeFlag = descriptor >> 6;
          const sizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
          const headerLength = 5 + (singleSegment ? 0 : 1) + dictionaryBytes + sizeBytes;
          if (bytes.length < headerLength) {
            this.need = headerLength;
            continue;
          }
          let window: number;
          if (!singleSegment) {
            const descriptorByte = bytes[5]!;
            const base = 2 ** (10 + (descriptorByte >> 3));
            window = base + (base / 8) * (descriptorByte & 7);
          } else {
            // A single-segment frame's window is its content size.
            let size = 0;
            const at = 5 + dictionaryBytes;
            for (let k = sizeBytes - 1; k >= 0; k--) size = size * 256 + bytes[at + k]!;
            window = size + (sizeFlag === 1 ? 256 : 0);
          }
          if (window > this.maxWindow) throw new ZstdWindowTooLarge(window);
          this.checksum = ((descriptor >> 2) & 1) === 1;
          this.expect(Part.BlockHeader, 3);
          break;
        }
        case Part.BlockHeader: {
          const header = bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16);
          this.lastBlock = (header & 1) === 1;
          const type = (header >> 1) & 3;
          const size = header >>> 3;
          this.remaining = type === 1 ? 1 : size;
          this.pending = [];
          this.part = Part.BlockBody;
          if (this.remaining === 0) this.afterBody();
          break;
        }
        case Part.SkippableSize: {
          this.remaining = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0;
          this.pending = [];
          this.part = Part.SkippableBody;
          if (this.remaining === 0) this.afterBody();
          break;
        }
        default:
          break;
      }
    }
  }

  private expect(part: Part, need: number): void {
    this.part = part;
    this.need = need;
    // A frame header is read on from the magic number already collected.
    if (part !== Part.FrameHeader) this.pending = [];
  }

  private afterBody(): void {
    if (this.part === Part.BlockBody && !this.lastBlock) return this.expect(Part.BlockHeader, 3);
    if (this.part === Part.BlockBody && this.checksum) {
      this.part = Part.Checksum;
      this.remaining = 4;
      this.checksum = false;
      return;
    }
    this.expect(Part.FrameStart, 4);
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}
