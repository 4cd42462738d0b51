import { GoogleGenAI } from '@google/genai';
import { kbWriterSystem } from '../prompts/kb-style-guide';
import type { Ticket } from '../types';

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });

/** Drafts a help-center article from a cluster of solved tickets; a human editor reviews it. */
export async function draftArticle(tickets: Ticket[]): Promise<string> {
  if (tickets.length === 0) {
    throw new Error('draftArticle needs at least one solved ticket to write from');
  }
  const solved = tickets.filter((t) => t.status === 'solved' || t.status === 'closed');
  const response = await ai.models.generateContent({
    model: 'gemini-2.5-flash',
    contents: solved.map((t) => `### Ticket ${t.id}\nSubject: ${t.subject}\n\n${t.body}`).join('\n\n'),
    config: {
      systemInstruction: kbWriterSystem(),
      maxOutputTokens: 2000,
      temperature: 0.4,
    },
  });
  const text = response.text;
  if (!text) throw new Error(`Gemini returned no article for ${solved.length} tickets`);
  return text;
}
