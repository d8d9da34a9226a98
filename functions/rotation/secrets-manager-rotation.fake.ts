import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  type GetRandomPasswordCommandInput,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';

/**
 * Secrets Manager's versions and stages as a rotation function sees them, for the rotation tests:
 * `v1` holds `initial` as AWSCURRENT; `startRotation` stages a new empty version AWSPENDING, as
 * Secrets Manager does before calling the function. Moving AWSCURRENT makes the version that lost
 * it AWSPREVIOUS (and nothing else), as Secrets Manager does. A command the rotations do not use
 * is refused.
 */
export function fakeSecretsManager(
  initial: string,
  options: {
    /** Answers GetRandomPassword (refused without it); sees the request, to check it. */
    randomPassword?: (input: GetRandomPasswordCommandInput) => string;
    /** Told the value a stage move made current (or undefined), when it happens. */
    onCurrent?: (value: string | undefined) => void;
  } = {},
) {
  const versions = new Map<string, { value?: string; stages: string[] }>([
    ['v1', { value: initial, stages: ['AWSCURRENT'] }],
  ]);
  const byStage = (stage: string) => [...versions].find(([, version]) => version.stages.includes(stage));
  const client = {
    send: async (command: object) => {
      if (command instanceof DescribeSecretCommand) {
        return {
          RotationEnabled: true,
          VersionIdsToStages: Object.fromEntries(
            [...versions].map(([id, version]) => [id, [...version.stages]]),
          ),
        };
      }
      if (command instanceof GetRandomPasswordCommand && options.randomPassword) {
        return { RandomPassword: options.randomPassword(command.input) };
      }
      if (command instanceof GetSecretValueCommand) {
        const { VersionId, VersionStage } = command.input;
        const version = VersionId ? versions.get(VersionId) : byStage(VersionStage ?? 'AWSCURRENT')?.[1];
        if (!version?.value || (VersionStage && !version.stages.includes(VersionStage))) {
          throw new ResourceNotFoundException({ message: 'no such version', $metadata: {} });
        }
        return { SecretString: version.value };
      }
      if (command instanceof PutSecretValueCommand) {
        const { ClientRequestToken, SecretString, VersionStages } = command.input;
        const version = versions.get(ClientRequestToken as string);
        if (!version) throw new Error('unknown version');
        version.value = SecretString as string;
        version.stages = [...new Set([...version.stages, ...(VersionStages ?? [])])];
        return {};
      }
      if (command instanceof UpdateSecretVersionStageCommand) {
        const { MoveToVersionId, RemoveFromVersionId, VersionStage } = command.input;
        // As Secrets Manager does: the version losing AWSCURRENT becomes AWSPREVIOUS.
        for (const version of versions.values()) {
          version.stages = version.stages.filter((stage) => stage !== 'AWSPREVIOUS');
        }
        const from = versions.get(RemoveFromVersionId as string);
        if (from) from.stages = [...from.stages.filter((stage) => stage !== VersionStage), 'AWSPREVIOUS'];
        const to = versions.get(MoveToVersionId as string);
        if (to) to.stages = [...to.stages.filter((stage) => stage !== 'AWSPENDING'), VersionStage as string];
        options.onCurrent?.(to?.value);
        return {};
      }
      throw new Error('unexpected command');
    },
  } as unknown as SecretsManagerClient;
  /** What Secrets Manager does before calling the function: a new version staged AWSPENDING. */
  const startRotation = (token: string) => versions.set(token, { stages: ['AWSPENDING'] });
  /** The value a stage labels, if any. */
  const stage = (name: string) => byStage(name)?.[1].value;
  return { client, startRotation, stage };
}

/** The four steps of one rotation, in Secrets Manager's order. */
export const rotationSteps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
