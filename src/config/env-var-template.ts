/**
 * The one piece of Jinja profiles.yml needs: `{{ env_var('X') }}` and
 * `{{ env_var('X', 'default') }}`, optionally followed by simple filters
 * (`| int`, `| as_number`, `| as_bool`, `| string`, `| as_text`, `| trim`,
 * `| lower`, `| upper`). Rendered with a regex, not a template engine.
 */
import type { EnvMap } from './env-interpolation.js';

const ENV_VAR_CALL =
  /\{\{-?\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(?:(['"])(.*?)\3|(-?\d+(?:\.\d+)?|true|false|True|False))\s*)?\)\s*((?:\|\s*[a-z_]+\s*)*)-?\}\}/g;

/** Thrown by `renderEnvVars` when a variable is unset and has no default. */
export class MissingEnvVarError extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set and has no default`);
    this.name = 'MissingEnvVarError';
  }
}

/** Result of rendering: the text plus the env values substituted (treated as secrets). */
export interface RenderedEnvVars {
  text: string;
  secrets: string[];
  /** True when `{{` remains after rendering: something other than env_var() was used. */
  hasOtherTemplates: boolean;
}

/** Renders `env_var()` calls in `text` from `env`. */
export function renderEnvVars(text: string, env: EnvMap): RenderedEnvVars {
  const secrets: string[] = [];
  const out = text.replace(
    ENV_VAR_CALL,
    (_m, _q1: string, name: string, _q2: string | undefined, quoted: string | undefined, bare: string | undefined, filters: string) => {
      const fromEnv = env[name];
      let value: string;
      if (fromEnv !== undefined) {
        value = fromEnv;
        if (fromEnv !== '') secrets.push(fromEnv);
      } else if (quoted !== undefined || bare !== undefined) {
        value = quoted ?? bare ?? '';
      } else {
        throw new MissingEnvVarError(name);
      }
      return applyFilters(value, filters);
    },
  );
  return { text: out, secrets, hasOtherTemplates: /\{\{|\{%/.test(out) };
}

function applyFilters(value: string, filters: string): string {
  let out = value;
  for (const filter of filters.split('|').map((f) => f.trim()).filter(Boolean)) {
    if (filter === 'int') out = String(Number.parseInt(out, 10));
    else if (filter === 'as_number' || filter === 'float') out = String(Number(out));
    else if (filter === 'as_bool') out = String(/^(true|1|yes)$/i.test(out.trim()));
    else if (filter === 'trim') out = out.trim();
    else if (filter === 'lower') out = out.toLowerCase();
    else if (filter === 'upper') out = out.toUpperCase();
  }
  return out;
}
