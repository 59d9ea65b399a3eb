import type Serverless from 'serverless';
import type Plugin from 'serverless/classes/Plugin';
import { createPluginLog } from '../../src/log';

const INFO = ['WebSockets:', '  Base URL: wss://x', '  Routes:', '    $default -> fn'];

function modern() {
  const progress = { remove: jest.fn() };
  const logging = {
    log: { notice: jest.fn(), warning: jest.fn() },
    writeText: jest.fn(),
    progress: { create: jest.fn(() => progress) },
  };
  const serverless = { addServiceOutputSection: jest.fn() };
  const log = createPluginLog(
    serverless as unknown as Serverless,
    logging as unknown as Plugin.Logging,
  );
  return { log, logging, serverless, progress };
}

describe('createPluginLog on 3.x (logging utilities passed to the constructor)', () => {
  it('prints lines as notices, so that they show without --verbose', () => {
    const { log, logging } = modern();
    log.info('wss://x');
    log.warning('careful');
    expect(logging.log.notice).toHaveBeenCalledWith('WebSockets: wss://x');
    expect(logging.log.warning).toHaveBeenCalledWith('WebSockets: careful');
  });

  it("puts the `sls info` section into the framework's service summary", () => {
    const { log, logging, serverless } = modern();
    log.text(INFO);
    expect(serverless.addServiceOutputSection).toHaveBeenCalledWith('WebSockets', [
      'Base URL: wss://x',
      'Routes:',
      '  $default -> fn',
    ]);
    expect(logging.writeText).not.toHaveBeenCalled();
    log.text(['not a section']);
    expect(logging.writeText).toHaveBeenCalledWith(['not a section']);
  });

  it('shows progress until the step ends', () => {
    const { log, logging, progress } = modern();
    const done = log.progress('deploying');
    expect(logging.progress.create).toHaveBeenCalledWith({ message: 'WebSockets: deploying' });
    done();
    expect(progress.remove).toHaveBeenCalled();
  });
});

describe('createPluginLog on 1.x/2.x (serverless.cli)', () => {
  it('logs through the CLI and has no progress display', () => {
    const cli = { log: jest.fn(), consoleLog: jest.fn() };
    const log = createPluginLog({ cli } as unknown as Serverless);
    log.info('wss://x');
    log.warning('careful');
    log.text(INFO);
    log.progress('deploying')();
    expect(cli.log.mock.calls).toEqual([['WebSockets: wss://x'], ['WebSockets: Warning: careful']]);
    expect(cli.consoleLog.mock.calls).toEqual(INFO.map((line) => [line]));
  });
});
