/** One schema version: its number, a name, and the SQL that brings the previous version to it. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}
