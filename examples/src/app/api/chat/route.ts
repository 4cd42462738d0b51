import { openai } from '@ai-sdk/openai';
import { convertToModelMessages, stepCountIs, streamText, tool, type UIMessage } from 'ai';
import { z } from 'zod';
import { SUPPORT_SYSTEM_PROMPT } from '../../../prompts/support-system';
import { ERRORS } from '../../../lib/ui-strings';

export const maxDuration = 30;

const lookupTicket = tool({
  description: 'Look up the status, priority and last public reply of a support ticket by its id (for example "BD-10422").',
  inputSchema: z.object({ ticketId: z.string().regex(/^BD-\d+$/) }),
  execute: async ({ ticketId }) => {
    const res = await fetch(`${process.env.HELPDESK_API_URL}/tickets/${encodeURIComponent(ticketId)}`, {
      headers: { Authorization: `Bearer ${process.env.HELPDESK_API_TOKEN}` },
    });
    if (!res.ok) return { error: `Ticket ${ticketId} could not be loaded (HTTP ${res.status}).` };
    return res.json();
  },
});

export async function POST(req: Request) {
  let messages: UIMessage[];
  try {
    ({ messages } = (await req.json()) as { messages: UIMessage[] });
  } catch {
    return Response.json({ error: ERRORS.invalidBody }, { status: 400 });
  }
  if (!Array.isArray(messages)) {
    return Response.json({ error: ERRORS.invalidBody }, { status: 400 });
  }

  const result = streamText({
    model: openai('gpt-4o'),
    system: SUPPORT_SYSTEM_PROMPT,
    // cost problem: the whole conversation from the request body is sent on every turn (unbounded history).
    messages: convertToModelMessages(messages),
    tools: { lookupTicket },
    stopWhen: stepCountIs(3),
    maxOutputTokens: 800,
    onError: ({ error }) => console.error('[api/chat] stream failed', error),
  });

  return result.toUIMessageStreamResponse();
}
