import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ItemPage, Job } from '../../../shared/api/contract.ts';
import { tempDir } from '../../support/temp.ts';

// A label acknowledged to the user must survive the process dying right
// after: browser mode is killed with SIGKILL (no shutdown hooks run) and the
// database is reopened and checked.
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function startServe(db: string): Promise<{ url: string; token: string; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/serve.ts', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = out.match(/Open: (http:\/\/127\.0\.0\.1:\d+)\/\?token=([0-9a-f]+)/);
      if (match) {
        resolve({
          url: match[1]!,
          token: match[2]!,
          kill: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${out}`)));
  });
}

async function api<T>(server: { url: string; token: string }, verb: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/${verb}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-candor-token': server.token },
    body: JSON.stringify(body),
  });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
  return envelope.value;
}

describe('durability', () => {
  it('every acknowledged label survives SIGKILL, and the database passes integrity_check', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const db = `${tmp.dir}/candor.db`;
    const server = await startServe(db);
    const rows = ['id,question,answer,grade,confidence'];
    for (let i = 0; i < 200; i++) rows.push(`k${i},q${i},a${i},correct,0.5`);
    const { jobId } = await api<{ jobId: string }>(server, 'import/start', { sources: [{ kind: 'upload', name: 'r.csv', text: rows.join('\n') }] });
    let job: Job;
    do job = await api<Job>(server, 'jobs/get', { jobId });
    while (job.state === 'running');
    const runId = job.result![0]!.runIds[0];
    const items = (await api<ItemPage>(server, 'items/list', { runId, offset: 0, limit: 200 })).rows;
    const acknowledged = new Map<string, string>();
    const outcomes = ['correct', 'incorrect', 'abstained'];
    for (const [i, item] of items.slice(0, 120).entries()) {
      const outcome = outcomes[i % 3]!;
      await api(server, 'labels/set', { itemId: item.id, annotator: 'ann', outcome });
      acknowledged.set(item.key, outcome);
    }
    await server.kill();

    const reopened = new Database(db);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = reopened.prepare('SELECT item_key, label FROM items WHERE label IS NOT NULL').all() as Array<{ item_key: string; label: string }>;
    expect(new Map(stored.map((row) => [row.item_key, row.label]))).toEqual(acknowledged);
    expect(reopened.prepare('SELECT COUNT(*) FROM labels').pluck().get()).toBe(120);
    reopened.close();
  });
});
