import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write';
import { forbidden, invalid } from '@/lib/http/errors';
import { phoneOfMember } from '@/lib/team/profile';
import { splitVariables, type TestSendInput } from '@/lib/validations/gateway-routing';
import { acceptSend, type SendRequest } from './accept';
import { callerIdFor } from './calls';
import type { Channel } from './define';
import { e164 } from './messages';
import { sendersOf } from './routing';

// An admin's test of one integration: a real message (or call) through it, whatever the routing
// says, queued like any other request so the admin watches it go out. The audit row names the
// channel and the integration, never the recipient or the words.

const channelOf: Record<TestSendInput['kind'], Channel> = { email: 'email', sms: 'sms', whatsapp_text: 'whatsapp', whatsapp_template: 'whatsapp', call: 'call' };

/** What a test call needs from the admin: their own phone (rung first) and a number of theirs from the provider. */
export interface CallReadiness {
  hasPhone: boolean;
  callerId: string | null;
}

/** The admin's own number from this provider, shown to the person called. */
const callerIdOf = (actor: Actor, type: string) => actor.db((tx) => callerIdFor(tx, actor.orgId, actor.userId, type));

export async function callReadiness(actor: Actor, type: string): Promise<CallReadiness> {
  const [phone, callerId] = await Promise.all([phoneOfMember(actor.orgId, actor.userId), callerIdOf(actor, type)]);
  return { hasPhone: phone !== null, callerId };
}

async function requestOf(actor: Actor, input: TestSendInput): Promise<SendRequest> {
  const base = { source: 'test' as const, integration: input.type };
  switch (input.kind) {
    case 'email':
      return { ...base, channel: 'email', kind: 'email', message: { channel: 'email', to: input.to, subject: input.subject, text: 'This is a test email from Switchboard. If you can read it, this integration sends email.' } };
    case 'sms':
      return { ...base, channel: 'sms', kind: 'text', message: { channel: 'sms', to: e164('to', input.to), text: input.text } };
    case 'whatsapp_text':
      return { ...base, channel: 'whatsapp', kind: 'text', message: { channel: 'whatsapp', to: e164('to', input.to), text: input.text } };
    case 'whatsapp_template':
      return {
        ...base,
        channel: 'whatsapp',
        kind: 'template',
        message: { channel: 'whatsapp', to: e164('to', input.to), template: { name: input.template, language: input.language, variables: splitVariables(input.variables) } },
      };
    case 'call': {
      const to = e164('to', input.to);
      const agent = await phoneOfMember(actor.orgId, actor.userId);
      if (!agent) throw invalid({ to: ['Add your own phone number to your profile first: the call rings you before the number you enter.'] });
      const callerId = await callerIdOf(actor, input.type);
      if (!callerId) throw invalid({ to: ['No number from this provider is assigned to you, so the call has no caller ID. A manager assigns one under Team → Phone numbers.'] });
      return { ...base, channel: 'call', kind: 'call', message: { channel: 'call', to, agent, callerId, record: false } };
    }
  }
}

/** Queues one test through the integration and records that the admin sent it. */
export async function sendTest(actor: Actor, input: TestSendInput): Promise<{ id: string }> {
  if (actor.role !== 'admin') throw forbidden('Only admins send tests.');
  const channel = channelOf[input.kind];
  if (!sendersOf(channel).some((p) => p.id === input.type)) throw invalid({ type: ['This integration cannot send this kind of message.'] }, 'This integration cannot send this kind of message.');
  const request = await requestOf(actor, input);
  const accepted = await acceptSend(actor, request, { key: null, body: input, path: `portal:test:${input.type}` });
  // acceptSend commits in its own transaction; the record follows it (a test that was not queued is not recorded).
  await actor.db((tx) =>
    writeAudit(tx, actor.audit, {
      action: 'gateway.test_sent',
      orgId: actor.orgId,
      integrationType: input.type,
      targetType: 'outbound_request',
      targetId: accepted.body.id,
      metadata: { channel, integration: input.type },
    }),
  );
  return { id: accepted.body.id };
}
