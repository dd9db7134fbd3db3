// Files and folders only their owner can read: the data directory (0700), the store, journal, backups and exports
// (0600). The mode is given at creation and set again with chmod, so neither the umask nor a file left with a
// wider mode by an earlier release decides who can read them.
import { chmod, mkdir, open, type FileHandle } from 'node:fs/promises';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const hasCode = (error: unknown, code: string) => error instanceof Error && 'code' in error && error.code === code;

/**
 * Creates `dir` (and missing parents) readable by its owner only. A folder that already existed keeps its mode:
 * DATA_DIR may be a folder the operator chose on purpose (or the working directory), not ours to lock.
 */
export async function makePrivateDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (created !== undefined) await chmod(dir, PRIVATE_DIR_MODE);
}

/** Narrows an existing file to its owner; a file that is not there yet, or belongs to another user, is left alone. */
export async function makePrivateFile(file: string): Promise<void> {
  try {
    await chmod(file, PRIVATE_FILE_MODE);
  } catch (error) {
    // Another account's file (a shared folder) is its owner's to protect; ours always succeeds.
    if (hasCode(error, 'ENOENT') || hasCode(error, 'EPERM')) return;
    throw error;
  }
}

/** Opens `file` with `flags` ('w', 'a'...) as a file only its owner can read, whether or not it existed. */
export async function openPrivateFile(file: string, flags: string): Promise<FileHandle> {
  const handle = await open(file, flags, PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
