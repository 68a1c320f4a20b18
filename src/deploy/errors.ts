/** Something to fix before or while deploying; the message says what, how, and what state CHT is in. */
export class DeployError extends Error {
  override name = 'DeployError';
}

/** Deploy was stopped (Ctrl-C, SIGTERM); the message says what state CHT is in. */
export class DeployStopped extends DeployError {
  override name = 'DeployStopped';

  constructor(message: string, readonly signal: string) {
    super(message);
  }
}
