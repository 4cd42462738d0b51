import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { SUPPORT_SYSTEM_PROMPT } from '../prompts/support-system';
import { appendMessage, getCustomer, loadHistory, type Db } from '../lib/db';
import { ERRORS, logRequest } from '../lib/ui-strings';

const openai = new OpenAI();
const CHAT_MODEL = 'gpt-4o';
const MAX_TURNS = 20;

export class SupportChatError extends Error {
  constructor(message: string, readonly status = 500) {
    super(message);
    this.name = 'SupportChatError';
  }
}

/** Widget chat: answers one customer message, with the stored conversation as context. */
export async function reply(db: Db, conversationId: string, customerId: string, text: string): Promise<string> {
  const started = Date.now();
  const customer = await getCustomer(db, customerId);
  if (!customer) throw new SupportChatError(ERRORS.conversationNotFound, 404);
  const history = await loadHistory(db, conversationId);

  const completion = await openai.chat.completions.create({
    model: CHAT_MODEL,
    messages: [
      {
        role: 'system',
        // cost problem: dynamic values (current time, customer name) come before the long static system prompt,
        // so the cacheable prefix changes on every request.
        content: `Current time: ${new Date().toISOString()}\nCustomer: ${customer.name} (${customer.plan} plan)\n\n${SUPPORT_SYSTEM_PROMPT}`,
      },
      // cost problem: unbounded chat history: every stored turn is resent on every call.
      ...history,
      { role: 'user', content: text },
    ],
    max_tokens: 600,
    temperature: 0.3,
  });

  const answer = completion.choices[0]?.message?.content;
  if (!answer) throw new SupportChatError(ERRORS.providerDown, 502);
  await appendMessage(db, conversationId, { role: 'user', content: text });
  await appendMessage(db, conversationId, { role: 'assistant', content: answer });
  logRequest('widget-chat', customerId, Date.now() - started);
  return answer;
}

/** Email follow-ups: the same assistant, with a bounded history and the static prompt first. */
export async function replyToEmailThread(db: Db, conversationId: string, customerId: string, text: string): Promise<string> {
  const customer = await getCustomer(db, customerId);
  if (!customer) throw new SupportChatError(ERRORS.conversationNotFound, 404);
  const history = await loadHistory(db, conversationId);

  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: SUPPORT_SYSTEM_PROMPT },
    ...history.slice(-MAX_TURNS),
    { role: 'user', content: `${text}\n\n(Customer: ${customer.name}, ${customer.plan} plan, locale ${customer.locale})` },
  ];

  const completion = await openai.chat.completions.create({
    model: CHAT_MODEL,
    messages,
    max_tokens: 600,
  });
  return completion.choices[0]?.message?.content ?? '';
}
