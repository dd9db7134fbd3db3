// Every slash command, listed statically (ESM + TypeScript favour static imports over reading a folder).
import type { Command } from '../src/bot/command.ts';
import ask from './ask.ts';
import compare from './compare.ts';
import channel from './channel.ts';
import config from './config.ts';
import evalCommand from './eval.ts';
import exportCommand from './export.ts';
import experiment from './experiment.ts';
import forgetMe from './forget-me.ts';
import leaderboard from './leaderboard.ts';
import memory from './memory.ts';
import pipelines from './pipelines.ts';
import usage from './usage.ts';

export const commands: readonly Command[] = [
  compare,
  ask,
  pipelines,
  forgetMe,
  config,
  channel,
  memory,
  leaderboard,
  exportCommand,
  evalCommand,
  experiment,
  usage,
];
