/** The WebSocket metrics of §9, read from the stream hub when /metrics is scraped. */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { StreamHub } from '../streams/stream-hub';

export function registerStreamMetrics(registry: Registry, hub: StreamHub): void {
  const registers = [registry];
  new Gauge({
    name: 'mockdock_ws_connections',
    help: 'Open WebSocket connections, by endpoint name.',
    labelNames: ['endpoint'],
    registers,
    collect() {
      this.reset();
      for (const row of hub.connectionRows()) this.set({ endpoint: row.endpoint }, row.count);
    },
  });
  new Counter({
    name: 'mockdock_ws_messages_total',
    help: 'WebSocket messages, by endpoint name and direction (in: from the client, out: to it).',
    labelNames: ['endpoint', 'direction'],
    registers,
    collect() {
      this.reset();
      for (const row of hub.messageRows()) this.inc({ endpoint: row.endpoint, direction: row.direction }, row.count);
    },
  });
}
