import { SwitchboardError } from '@switchboard/engine/sdk';
import type { ChannelAdapter } from './channel-adapter.ts';
import { testChannel } from './test-channel.ts';
import { webhookChannel } from './webhook-channel.ts';

/**
 * The channels a process delivers through, from its environment:
 * `SWITCHBOARD_CHANNELS=whatsapp=https://bridge.example/send,webchat=https://...`
 * adds one webhook channel per entry, signed with `SWITCHBOARD_CHANNEL_SECRET`.
 * A `test` channel, which records deliveries instead of sending them, is always
 * there for demos and trials.
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv): ChannelAdapter[] {
  const channels: ChannelAdapter[] = [testChannel()];
  const entries = (env.SWITCHBOARD_CHANNELS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return channels;
  const secret = env.SWITCHBOARD_CHANNEL_SECRET;
  if (secret === undefined || secret.length < 16) {
    throw new SwitchboardError(
      'CONFIG_ENV_INVALID',
      'SWITCHBOARD_CHANNELS needs SWITCHBOARD_CHANNEL_SECRET (at least 16 characters) to sign outbound messages.',
    );
  }
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const url = entry.slice(at + 1).trim();
    if (at <= 0 || !/^[a-z][a-z0-9_-]*$/.test(name) || !/^https?:\/\/\S+$/.test(url)) {
      throw new SwitchboardError('CONFIG_ENV_INVALID', `SWITCHBOARD_CHANNELS entry "${entry}" must look like name=https://host/path (name in lower case).`);
    }
    if (channels.some((channel) => channel.name === name))
      throw new SwitchboardError('CONFIG_ENV_INVALID', `SWITCHBOARD_CHANNELS names channel "${name}" twice.`);
    channels.push(webhookChannel({ name, url, secret }));
  }
  return channels;
}
