export type TicketStatus = 'open' | 'pending' | 'solved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface Customer {
  id: string;
  name: string;
  email: string;
  plan: 'free' | 'team' | 'business' | 'enterprise';
  locale: string;
}

export interface Ticket {
  id: string;
  customerId: string;
  subject: string;
  body: string;
  status: TicketStatus;
  priority: Priority;
  createdAt: Date;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface RefundRequest {
  ticketId: string;
  orderId: string;
  amountCents: number;
  currency: string;
  reason: string;
  purchasedAt: Date;
}
