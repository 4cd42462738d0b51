import type { ChatMessage, Customer, Ticket } from '../types';

/** The database connection is injected by the host app (pg, Neon, PlanetScale…). */
export interface Db {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export async function getCustomer(db: Db, id: string): Promise<Customer | undefined> {
  const rows = await db.query<Customer>(
    'SELECT id, name, email, plan, locale FROM customers WHERE id = $1 AND deleted_at IS NULL',
    [id],
  );
  return rows[0];
}

export async function getTicket(db: Db, id: string): Promise<Ticket | undefined> {
  const rows = await db.query<Ticket>(
    `SELECT id, customer_id AS "customerId", subject, body, status, priority, created_at AS "createdAt"
       FROM tickets
      WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export async function loadHistory(db: Db, conversationId: string): Promise<ChatMessage[]> {
  return db.query<ChatMessage>(
    `SELECT role, content
       FROM chat_messages
      WHERE conversation_id = $1
      ORDER BY created_at ASC`,
    [conversationId],
  );
}

export async function appendMessage(db: Db, conversationId: string, message: ChatMessage): Promise<void> {
  await db.query(
    'INSERT INTO chat_messages (conversation_id, role, content, created_at) VALUES ($1, $2, $3, now())',
    [conversationId, message.role, message.content],
  );
}

export async function setTicketPriority(db: Db, ticketId: string, priority: Ticket['priority']): Promise<void> {
  await db.query('UPDATE tickets SET priority = $2, updated_at = now() WHERE id = $1', [ticketId, priority]);
}
