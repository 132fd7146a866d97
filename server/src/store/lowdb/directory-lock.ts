import { closeSync, existsSync, lstatSync, openSync, unlinkSync } from 'node:fs';
import { link, lstat, readFile, rename, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export interface DirectoryLock {
  release(): Promise<void>;
}

/**
 * The lock: a Unix domain socket in the data directory that its holder listens on. The
 * kernel closes it when the holder dies, however it dies, so a connection to it proves a
 * live holder and a refused one proves there is none (a pid proves nothing: in a
 * container, every restart is pid 1 again).
 */
export const LOCK_SOCKET = 'suora.sock';
/** What versions before the socket left: a pid. */
const LEGACY_LOCK = 'suora.lock';
/** A socket's path has room for 107 bytes (108 with the closing NUL); Node cuts a longer one short without a word. */
const MAX_SOCKET_PATH = 107;

/** Thrown when another live process holds the data directory. */
export class DirectoryLockedError extends Error {
  constructor(dataDir: string, holder: string) {
    super(
      `The data directory ${dataDir} is in use by another Suora process (${holder}). ` +
        'Stop that process first, or point SUORA_DATA_DIR elsewhere. lowdb files must have a single writer.',
    );
    this.name = 'DirectoryLockedError';
  }
}

/**
 * Takes the data directory for this process: binds `suora.sock` in it. A socket left by a
 * process that died (a crash, kill -9, a container stopped) refuses connections, and is
 * taken over. Throws DirectoryLockedError while a live process holds it, or while a live
 * Suora of an older version may (its `suora.lock`).
 */
export async function acquireDirectoryLock(dataDir: string): Promise<DirectoryLock> {
  const address = socketAddress(dataDir);
  try {
    // Each turn either takes the lock, refuses, or removes one dead socket: a few turns are plenty.
    for (let turn = 0; turn < 5; turn++) {
      const server = await listen(address.path);
      if (!server) {
        const found = await lstat(address.path).catch(() => undefined);
        if (!found) continue; // gone meanwhile
        const holder = await holderOf(address.path);
        if (holder !== undefined) throw new DirectoryLockedError(dataDir, holder);
        await removeDead(address.path, found.ino);
        continue;
      }
      const held = lstatSync(address.path).ino;
      const legacy = await olderSuora(dataDir);
      if (legacy !== undefined) {
        await close(server);
        throw new DirectoryLockedError(dataDir, `pid ${legacy}, an older version: it holds ${path.join(dataDir, LEGACY_LOCK)}; if no Suora runs on this directory, delete that file`);
      }
      // Tidiness only: a socket left behind is found dead and taken over next time.
      const removeOnExit = () => {
        try {
          if (lstatSync(address.path).ino === held) unlinkSync(address.path);
        } catch {
          // Already gone.
        }
      };
      process.once('exit', removeOnExit);
      return {
        async release() {
          process.off('exit', removeOnExit);
          await close(server); // closing unlinks the socket
          address.close();
        },
      };
    }
    throw new Error(`Could not take the lock ${path.join(dataDir, LOCK_SOCKET)}: other processes keep taking it.`);
  } catch (error) {
    address.close();
    throw error;
  }
}

/**
 * Where to bind: the socket's own path when it is short enough, else (Linux) the same file
 * reached through a descriptor of the data directory, `/proc/self/fd/N/suora.sock`.
 */
function socketAddress(dataDir: string): { path: string; close(): void } {
  const direct = path.join(dataDir, LOCK_SOCKET);
  if (Buffer.byteLength(direct) <= MAX_SOCKET_PATH) return { path: direct, close() {} };
  if (!existsSync('/proc/self/fd')) {
    throw new Error(
      `The data directory's path ${dataDir} is too long for its lock socket (${LOCK_SOCKET}: at most ${MAX_SOCKET_PATH - LOCK_SOCKET.length - 1} bytes on this system). ` +
        'Point SUORA_DATA_DIR to a shorter path, or to a symbolic link with a shorter path.',
    );
  }
  let fd: number | undefined = openSync(dataDir, 'r');
  return {
    path: `/proc/self/fd/${fd}/${LOCK_SOCKET}`,
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** A server bound at `address`, telling whoever connects our pid; undefined when something is there already. */
function listen(address: string): Promise<net.Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.end(`pid ${process.pid}`));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(undefined);
      else reject(new Error(`Could not take the lock ${address} (${error.code ?? error.message}): the data directory must be on a file system that holds Unix sockets.`, { cause: error }));
    });
    server.listen(address, () => {
      server.unref(); // the lock does not keep the process alive
      resolve(server);
    });
  });
}

/** What the live holder of the socket says of itself, or undefined when no process listens on it. */
function holderOf(address: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address);
    let said = '';
    socket.setEncoding('utf8');
    socket.setTimeout(2000, () => socket.destroy()); // a holder tells at once; silence is still someone listening
    socket.on('data', (text: string) => (said += text.slice(0, 100)));
    socket.once('close', () => resolve(said.startsWith('pid ') ? said : 'a live process'));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      // Refused: nothing listens (its holder died). Gone: removed meanwhile.
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(undefined);
      else reject(new Error(`Could not check the lock ${address} (${error.code ?? error.message}).`, { cause: error }));
    });
  });
}

/**
 * Removes the dead socket `ino`. It is moved aside first, so that of processes starting at
 * once only one removes it; if what was moved is not it (another process took the lock
 * meanwhile), it is put back.
 */
async function removeDead(address: string, ino: number): Promise<void> {
  const aside = `${address}.${process.pid}.dead`;
  try {
    await rename(address, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another process moved it
    throw error;
  }
  if ((await lstat(aside)).ino !== ino) await link(aside, address).catch(() => {});
  await unlink(aside);
}

/**
 * The pid in a `suora.lock` of an older version, if that process may still be a Suora: alive,
 * not this process, and a Node process (or one this system does not say about). Any other
 * such file is stale, and removed.
 */
async function olderSuora(dataDir: string): Promise<number | undefined> {
  const file = path.join(dataDir, LEGACY_LOCK);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const pid = Number.parseInt(text, 10);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) && (await mayBeNode(pid))) return pid;
  await unlink(file).catch(() => {});
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function mayBeNode(pid: number): Promise<boolean> {
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (commandLine === undefined) return true; // cannot tell
  return /node|suora/i.test(commandLine);
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
