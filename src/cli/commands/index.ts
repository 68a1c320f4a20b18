import { Command } from '../command';
import { buildCommand } from './build';

/** Every sub-command, in the order `cht-rapidpro --help` lists them. */
export const commands: Command[] = [
  buildCommand,
];
