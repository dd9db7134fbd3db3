// Every slash command, listed statically (ESM + TypeScript favour static imports over reading a folder).
import type { Command } from '../src/bot/command.js';
import ask from './ask.js';
import compare from './compare.js';
import channel from './channel.js';
import config from './config.js';
import evalCommand from './eval.js';
import exportCommand from './export.js';
import forgetMe from './forget-me.js';
import leaderboard from './leaderboard.js';
import memory from './memory.js';
import pipelines from './pipelines.js';
import usage from './usage.js';

export const commands: readonly Command[] = [compare, ask, pipelines, forgetMe, config, channel, memory, leaderboard, exportCommand, evalCommand, usage];
