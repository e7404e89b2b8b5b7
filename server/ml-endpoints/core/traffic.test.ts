import { describe, expect, it } from 'vitest';
import type { EndpointError } from './endpoint-errors';
import { DEFAULT_FRONT_DOOR_MESSAGES } from './endpoint-errors';
import { chooseDeployment, seededRandom } from './traffic';

const DEPLOYMENTS = ['blue', 'green'];

describe('chooseDeployment', () => {
  it('draws by weight: 0 to 0.9 is blue, 0.9 to 1 green', () => {
    const traffic = { blue: 90, green: 10 };
    const at = (r: number): string =>
      chooseDeployment(traffic, DEPLOYMENTS, undefined, () => r, DEFAULT_FRONT_DOOR_MESSAGES);
    expect([at(0), at(0.5), at(0.8999), at(0.9), at(0.99999)]).toEqual([
      'blue',
      'blue',
      'blue',
      'green',
      'green',
    ]);
  });

  it('sends a call naming a deployment there whatever its weight, and 404s an unknown name', () => {
    const traffic = { blue: 100, green: 0 };
    expect(
      chooseDeployment(traffic, DEPLOYMENTS, 'green', () => 0, DEFAULT_FRONT_DOOR_MESSAGES),
    ).toBe('green');
    const refusal = (() => {
      try {
        chooseDeployment(traffic, DEPLOYMENTS, 'red', () => 0, DEFAULT_FRONT_DOOR_MESSAGES);
      } catch (error) {
        return error as EndpointError;
      }
    })();
    expect(refusal?.status).toBe(404);
    expect(refusal?.message).toBe(
      "The deployment 'red' named in azureml-model-deployment does not exist on this endpoint. Its deployments: blue, green.",
    );
  });

  it("answers Azure ML's 404 when no deployment has a positive weight", () => {
    expect(() =>
      chooseDeployment(
        { blue: 0, green: 0 },
        DEPLOYMENTS,
        undefined,
        Math.random,
        DEFAULT_FRONT_DOOR_MESSAGES,
      ),
    ).toThrow("The endpoint doesn't have any valid deployment with positive weight.");
  });

  it('replays the same split from the same seed', () => {
    const draw = (seed: number): string[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () =>
        chooseDeployment(
          { blue: 90, green: 10 },
          DEPLOYMENTS,
          undefined,
          random,
          DEFAULT_FRONT_DOOR_MESSAGES,
        ),
      );
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});
