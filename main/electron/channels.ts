import type { Verb } from '../../shared/api/contract.ts';

export const EVENT_CHANNEL = 'candor:event';

export function channelFor(verb: Verb): string {
  return `candor:${verb}`;
}
