import { ConfigError } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { openCliContext, processOutput, UsageError, type CliContext, type CliOutput } from './cli-context.ts';
import { auditVerifyCommand } from './commands/audit-verify.ts';
import { checkCommand } from './commands/check.ts';
import { initCommand } from './commands/init.ts';
import { keysRotateCommand } from './commands/keys-rotate.ts';
import { seedCommand } from './commands/seed.ts';
import { standardImportCommand } from './commands/standard-import.ts';
import { standardFromTableCommand } from './commands/standard-from-table.ts';
import { standardToTableCommand } from './commands/standard-to-table.ts';
import { standardWithdrawCommand } from './commands/standard-withdraw.ts';
import { tokenListCommand } from './commands/token-list.ts';
import { tokenRevokeCommand } from './commands/token-revoke.ts';
import { tokenRotateCommand } from './commands/token-rotate.ts';
import { userCreateCommand } from './commands/user-create.ts';
import { userDisableCommand } from './commands/user-disable.ts';
import { userPasswordCommand } from './commands/user-password.ts';
import { offlineRequested, verifyCommand, verifyOfflineCommand } from './commands/verify.ts';
import { bundleCommand } from './commands/bundle.ts';
import { impactCommand } from './commands/impact.ts';

type Command = (ctx: CliContext, args: string[]) => Promise<number>;

/** Every command, by the words that name it. */
const commands: Record<string, Command> = {
  init: initCommand,
  'user create': userCreateCommand,
  'user disable': userDisableCommand,
  'user password': userPasswordCommand,
  'token list': tokenListCommand,
  'token revoke': tokenRevokeCommand,
  'token rotate': tokenRotateCommand,
  'standard import': standardImportCommand,
  'standard withdraw': standardWithdrawCommand,
  'standard from-table': standardFromTableCommand,
  'standard to-table': standardToTableCommand,
  check: checkCommand,
  verify: verifyCommand,
  bundle: bundleCommand,
  'keys rotate': keysRotateCommand,
  'audit verify': auditVerifyCommand,
  seed: seedCommand,
  impact: impactCommand,
};

const usage = `usage: npm run registry -- <command>
  init                                              create the data dir and store, publish the shipped standards
  user create --email E --name N --role R --org O [--org-kind K] [--jurisdiction IR|RU] [--password-stdin|--generate-password]
                                                    K: authority|vendor|customs|operator (default: fits the role)
  user password EMAIL --password-stdin|--generate   set a password (read from stdin, or generated and printed once); ends the user's sessions
  user disable EMAIL                                the user's tokens stop authenticating at once
  token list --user EMAIL                           the user's tokens (ids, labels, expiry, status)
  token revoke ID                                   revoke one token at once
  token rotate --user EMAIL [--token ID] [--name L] [--expires-in-days N]
                                                    new token; revokes ID (or all the user's tokens) in one go
  standard import FILE [--publish]                  store a standard document (and publish it)
  standard withdraw CODE@VERSION                    withdraw a version as the registry (the shipped joint standards)
  standard from-table FILE.xlsx|csv [--code C --version V --category K --title-en|ru|fa T] [--out FILE.json | --import]
                                                    a clause table as a standard document (printed, written, or stored as a draft); exit 1 listing every row problem
  standard to-table CODE@VERSION --out FILE.xlsx|csv
                                                    a stored standard as a clause table (schemas/templates/README.md)
  check --standard CODE[@VERSION] FILE              check a spec; exit 1 when it does not conform
  impact --standard CODE@VERSION                    re-check every certified product against a draft, store the result; exit 1 when any would fail
  verify FILE|NUMBER [--offline --bundle F [--log-key VKEY] [--max-age-hours H] [--checkpoint F]]
                                                    verify a certificate; exit 1 when it does not check out ("stale" past 48 h)
  bundle [--out FILE]                               write the signed offline bundle (DID documents, status lists, checkpoint)
  keys rotate --org NAME                            new signing key for a regulator authority (old one stays published)
  audit verify                                      recompute the audit trail's hash chain; exit 1 at the first broken link
  seed --demo                                       add demo organisations, users (with tokens), submissions and certificates, once`;

function findCommand(argv: string[]): { command: Command; args: string[] } {
  for (const words of [2, 1]) {
    const command = commands[argv.slice(0, words).join(' ')];
    if (command) return { command, args: argv.slice(words) };
  }
  throw new UsageError(argv.length ? `unknown command "${argv.join(' ')}"\n${usage}` : usage);
}

/** Runs the CLI; resolves to the process exit code. Errors print one line on stderr. */
export async function runCli(argv: string[], env: Record<string, string | undefined>, output: CliOutput = processOutput): Promise<number> {
  let ctx: CliContext | undefined;
  try {
    const { command, args } = findCommand(argv);
    // Offline verification runs from files alone: no config, and no data directory is created or opened.
    if (command === verifyCommand && offlineRequested(args)) return await verifyOfflineCommand(args, output);
    ctx = await openCliContext(env, output.print, output.warn);
    if (output.readStdin) ctx.readStdin = output.readStdin;
    return await command(ctx, args);
  } catch (error) {
    const known = error instanceof DomainError || error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    output.warn(`registry: ${known ? (error as Error).message : String((error as Error).stack ?? error)}`);
    return 2;
  } finally {
    await ctx?.store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
