import { ImportError } from './types.ts';
import type { Line } from './lines.ts';

// A small RFC 4180 record parser fed one physical line at a time.
// csv-parse 6.2 was the first choice, but its info.lines counts CRLF inside a
// quoted field as two lines, so the "line where the record starts" it implies
// is wrong for exactly the files (Excel exports) that need it most.

export interface CsvRecord {
  fields: string[];
  /** Line where the record starts (a quoted multi-line field spans several). */
  line: number;
}

export class CsvRecordParser {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private startLine = 0;
  private recordChars = 0;

  constructor(
    private readonly delimiter: string,
    private readonly file: string,
    private readonly maxRecordChars: number,
  ) {}

  /** Returns the record the line completes, or null while a quoted field is still open. */
  push(line: Line): CsvRecord | null {
    const text = line.text;
    if (!this.inQuotes) {
      if (text.length === 0) return null; // blank line between records
      this.startLine = line.line;
      this.recordChars = 0;
    }
    this.recordChars += text.length + line.terminator.length;
    if (this.recordChars > this.maxRecordChars) {
      throw new ImportError(
        'record-too-long',
        `the record starting here is longer than ${this.maxRecordChars} characters (is a quote left open?)`,
        { file: this.file, line: this.startLine },
      );
    }
    let i = 0;
    const d = this.delimiter;
    while (i <= text.length) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i) + line.terminator;
          return null;
        }
        this.field += text.slice(i, q);
        if (text[q + 1] === '"') {
          this.field += '"';
          i = q + 2;
          continue;
        }
        this.inQuotes = false;
        i = q + 1;
        if (i < text.length && text[i] !== d) {
          throw new ImportError(
            'csv-syntax',
            `unexpected ${JSON.stringify(text[i])} after a closing quote (expected the delimiter or the end of the line; quotes inside a quoted field are doubled: "")`,
            { file: this.file, line: line.line },
          );
        }
        if (i >= text.length) break;
        this.fields.push(this.field);
        this.field = '';
        i += 1;
        if (i === text.length) {
          this.fields.push('');
          return this.emit();
        }
        continue;
      }
      if (text[i] === '"' && this.field === '') {
        this.inQuotes = true;
        i += 1;
        continue;
      }
      const next = text.indexOf(d, i);
      if (next < 0) {
        this.field += text.slice(i);
        break;
      }
      this.field += text.slice(i, next);
      this.fields.push(this.field);
      this.field = '';
      i = next + 1;
      if (i === text.length) break;
    }
    if (this.inQuotes) {
      this.field += line.terminator;
      return null;
    }
    this.fields.push(this.field);
    return this.emit();
  }

  /** Call at end of file: an open quote there means the file is cut short. */
  finish(): void {
    if (this.inQuotes) {
      throw new ImportError(
        'csv-syntax',
        'a quoted field starting on this record is never closed (expected a closing ")',
        { file: this.file, line: this.startLine },
      );
    }
  }

  private emit(): CsvRecord {
    const record = { fields: this.fields, line: this.startLine };
    this.fields = [];
    this.field = '';
    return record;
  }
}
