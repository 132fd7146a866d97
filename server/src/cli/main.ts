import { parseArgs } from 'node:util';
import { DomainError } from '../domain/errors.js';
import { UsageError, type Command, type Values } from './command.js';
import { apiKeyCommands } from './commands/api-keys.js';
import { directoryCommands } from './commands/directory.js';
import { handlingCommands } from './commands/handling.js';
import { linkCommands } from './commands/links.js';
import { personalDataCommands } from './commands/personal-data.js';
import { serverCommands } from './commands/server.js';
import { signInCommands } from './commands/sign-in.js';
import { statsCommands } from './commands/stats.js';

/** Every command by its words ("start", "area add"), in the order the usage text lists them. */
const COMMANDS: Record<string, Command> = {
  ...serverCommands,
  ...directoryCommands,
  ...handlingCommands,
  ...linkCommands,
  ...signInCommands,
  ...apiKeyCommands,
  ...personalDataCommands,
  ...statsCommands,
};

/**
 * Runs the command `argv` names. Exit codes: 0 done (or help asked), 1 the command failed
 * (its message on stderr), 2 an unknown command or options that do not parse.
 */
async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  const key = first && second && COMMANDS[`${first} ${second}`] ? `${first} ${second}` : first;
  const command = key ? COMMANDS[key] : undefined;
  if (!command) {
    if (first && first !== 'help' && first !== '--help') console.error(`Unknown command: ${argv.join(' ')}\n`);
    console.error(usage());
    return first && first !== 'help' && first !== '--help' ? 2 : 0;
  }

  let values: Values;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: argv.slice(key!.split(' ').length),
      options: { ...command.options, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    values = parsed.values;
    positionals = parsed.positionals;
    if (positionals.length !== (command.positionals ?? 0)) {
      throw new Error(`Expected ${command.positionals ?? 0} argument(s), got ${positionals.length}.`);
    }
  } catch (error) {
    console.error(`${(error as Error).message}\n\nUsage: ${command.usage}`);
    return 2;
  }

  try {
    const output = await command.run(values, positionals);
    if (output) console.log(values.json ? JSON.stringify(output.json, null, 2) : output.text);
    return 0;
  } catch (error) {
    if (error instanceof DomainError || error instanceof UsageError) {
      console.error(error.message);
      if (error instanceof DomainError && error.fields && Object.keys(error.fields).length > 1) {
        for (const [field, message] of Object.entries(error.fields)) console.error(`  ${field}: ${message}`);
      }
      if (error instanceof UsageError) console.error(`\nUsage: ${command.usage}`);
      return 1;
    }
    console.error((error as Error).message ?? error);
    return 1;
  }
}

function usage(): string {
  return `Usage: suora <command> [options] [--json]

${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}`;
}

process.exitCode = await main(process.argv.slice(2));
