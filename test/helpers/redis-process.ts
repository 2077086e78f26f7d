/** A real redis-server on a loopback port for the suites that need one, and the small waits they share. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
export { freePort, until } from './waits';

export function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

export function redisUp(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG') ? true : undefined);
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('error', () => resolve(undefined));
  });
}

