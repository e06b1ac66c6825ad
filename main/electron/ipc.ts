import { ipcMain } from 'electron';
import { VERBS } from '../../shared/api/contract.ts';
import { dispatch } from '../handlers/dispatch.ts';
import type { Handlers } from '../handlers/index.ts';
import { channelFor } from './channels.ts';

/**
 * One IPC handler per verb. Payloads arrive as unknown and are validated by
 * dispatch; results and errors travel as envelopes. Only the app's own frames
 * may call.
 */
export function registerIpc(handlers: Handlers, isTrustedSender: (url: string) => boolean): void {
  for (const verb of VERBS) {
    ipcMain.handle(channelFor(verb), async (event, payload: unknown) => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isTrustedSender(senderUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'request from an untrusted frame' } };
      }
      return dispatch(handlers, verb, payload);
    });
  }
}
