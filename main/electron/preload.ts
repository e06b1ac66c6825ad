// Exposes exactly the API's verbs to the renderer, one function each (never a
// generic invoke), plus menu events and the path of a dropped file. Bundled
// into one CommonJS file: a sandboxed preload cannot require npm packages.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { AppEvent, CandorApi, CandorBridge } from '../../shared/api/contract.ts';
import { VERBS, type Verb } from '../../shared/api/verbs.ts';
import { EVENT_CHANNEL, channelFor } from './channels.ts';

const api = Object.fromEntries(
  VERBS.map((verb: Verb) => [verb, (request: unknown) => ipcRenderer.invoke(channelFor(verb), request)]),
) as CandorApi;

const bridge: CandorBridge = {
  api,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file as File) || null;
    } catch {
      return null;
    }
  },
};

contextBridge.exposeInMainWorld('candor', bridge);
