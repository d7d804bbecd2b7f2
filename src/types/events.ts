/** Docker's event message (GET /events, `docker events --format '{{json .}}'`). */
export interface EngineEvent {
  Type: 'image' | 'container' | 'volume' | 'network' | 'builder' | 'daemon';
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  time: number;
  timeNano: number;
  /** Legacy fields docker still sends. */
  status?: string;
  id?: string;
  from?: string;
}

