import { Injectable } from '@nestjs/common';
import { TicketAccessLookup } from '../permission/resource-resolver.js';
import { TicketRepository } from './ticket.repository.js';

/** Lets the access guard find what access to a ticket depends on. */
@Injectable()
export class TicketRepositoryAccessLookup extends TicketAccessLookup {
  constructor(private readonly tickets: TicketRepository) {
    super();
  }

  find(reference: { id: string } | { number: number }) {
    return this.tickets.findAccess(reference);
  }
}
