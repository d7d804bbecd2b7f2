/** Signals `run`/`start -a` forward to the container without a tty (docker's --sig-proxy). */
export const SIGNALS_TO_PROXY: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];
