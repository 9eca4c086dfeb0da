/**
 * What the registry stores, as plain JSON records (times in epoch ms). Cloud-resource fields
 * (roleArn, logging, tracing, encryption) are kept as given and returned as given: Stepwise runs
 * no CloudWatch or KMS, but clients and IaC tools expect to read back what they wrote.
 */
export type RegistryJson = null | boolean | number | string | readonly RegistryJson[] | { readonly [k: string]: RegistryJson };

export interface CloudFields {
  readonly loggingConfiguration?: RegistryJson;
  readonly tracingConfiguration?: RegistryJson;
  readonly encryptionConfiguration?: RegistryJson;
}

export interface StateMachineRecord extends CloudFields {
  readonly name: string;
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  readonly roleArn: string;
  readonly creationDate: number;
  readonly updateDate: number;
  /** Changes whenever definition, role or configuration change (PublishStateMachineVersion's check). */
  readonly revisionId: string;
  /** Highest version number ever published (numbers are never reused). */
  readonly lastVersion: number;
  /** Bumped by every change to the machine's versions or aliases: the version check of those changes. */
  readonly seq: number;
  /**
   * DELETING from DeleteStateMachine until none of its executions runs (AWS's asynchronous
   * delete); the record is then removed. Absent: ACTIVE.
   */
  readonly status?: 'DELETING';
  /** When DeleteStateMachine marked it DELETING (epoch ms). */
  readonly deletingSince?: number;
  /**
   * Every execution the machine had when it turned DELETING is marked to fail at its next
   * transition (docs/adr/0012); until then each settle marks them all again, so a delete cut
   * short (the api replica died, Redis failed) does not leave older executions unmarked.
   */
  readonly allMarked?: true;
}

export interface VersionRecord extends CloudFields {
  readonly version: number;
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  readonly roleArn: string;
  readonly revisionId: string;
  readonly description?: string;
  readonly creationDate: number;
}

export interface RoutingEntry {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

export interface AliasRecord {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly routingConfiguration: readonly RoutingEntry[];
  readonly creationDate: number;
  readonly updateDate: number;
}

export interface ActivityRecord {
  readonly name: string;
  readonly arn: string;
  readonly creationDate: number;
  readonly encryptionConfiguration?: RegistryJson;
}

export type Tags = Readonly<Record<string, string>>;
