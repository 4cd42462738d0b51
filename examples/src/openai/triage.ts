import OpenAI from 'openai';
import { SAM_PERSONA } from '../prompts/support-system';
import { setTicketPriority, type Db } from '../lib/db';
import type { Priority, Ticket } from '../types';

const openai = new OpenAI();

const URGENCY_INSTRUCTIONS = `${SAM_PERSONA}
Decide whether a new ticket is urgent. A ticket is urgent when the customer cannot receive or send any customer emails,
when their whole team cannot log in, or when they report data loss or a security incident.
Answer with JSON: {"urgent": "yes"} or {"urgent": "no"}.`;

/** Runs on every new ticket. */
export async function isUrgent(ticket: Ticket): Promise<boolean> {
  // promptcost: calls-per-day=5000
  const response = await openai.responses.create({
    // cost problem: gpt-4o for a yes/no classification with a 16-token JSON enum answer; a mini/nano model is enough.
    model: 'gpt-4o',
    instructions: URGENCY_INSTRUCTIONS,
    input: `Subject: ${ticket.subject}\n\n${ticket.body}`,
    max_output_tokens: 16,
    text: {
      format: {
        type: 'json_schema',
        name: 'urgency',
        strict: true,
        schema: {
          type: 'object',
          properties: { urgent: { type: 'string', enum: ['yes', 'no'] } },
          required: ['urgent'],
          additionalProperties: false,
        },
      },
    },
  });
  try {
    return JSON.parse(response.output_text).urgent === 'yes';
  } catch {
    console.warn(`[triage] could not parse urgency for ticket ${ticket.id}: ${response.output_text.slice(0, 80)}`);
    return false;
  }
}

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** Priority for the agent queue; a small model is the right tier here. */
export async function assignPriority(db: Db, ticket: Ticket): Promise<Priority> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      {
        role: 'system',
        content: `Assign a priority to the support ticket. Reply with one word: ${PRIORITIES.join(', ')}.`,
      },
      { role: 'user', content: `${ticket.subject}\n\n${ticket.body.slice(0, 2000)}` },
    ],
    max_tokens: 3,
    temperature: 0,
  });
  const word = completion.choices[0]?.message?.content?.trim().toLowerCase() as Priority | undefined;
  const priority = word && PRIORITIES.includes(word) ? word : 'normal';
  await setTicketPriority(db, ticket.id, priority);
  return priority;
}
